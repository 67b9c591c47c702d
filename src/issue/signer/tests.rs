// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;

/// A detached CMS signature made by `openssl cms -sign` with a certificate for
/// `CN=Nguyễn Thị Hoa, O=UBND xã An Lãm`.
const SIGNATURE: &[u8] = include_bytes!("../../../tests/fixtures/chu-ky-mau.p7s");

#[test]
fn the_signer_is_the_subject_of_the_certificate_that_signed() {
    let name = signer_of(SIGNATURE).expect("a CMS signature");
    assert_eq!(name.common_name.as_deref(), Some("Nguyễn Thị Hoa"));
    assert_eq!(name.organisation.as_deref(), Some("UBND xã An Lãm"));
}

#[test]
fn zero_padding_after_the_signature_is_allowed_as_in_a_pdf() {
    let mut padded = SIGNATURE.to_vec();
    padded.resize(SIGNATURE.len() + 4096, 0);
    assert_eq!(signer_of(&padded), signer_of(SIGNATURE));
}

#[test]
fn garbage_truncation_and_trailing_bytes_give_no_signer() {
    assert_eq!(signer_of(b""), None);
    assert_eq!(signer_of(b"not a signature at all"), None);
    assert_eq!(signer_of(&SIGNATURE[..SIGNATURE.len() / 2]), None);
    let mut trailing = SIGNATURE.to_vec();
    trailing.extend_from_slice(b"\x01junk");
    assert_eq!(signer_of(&trailing), None);
}

/// What the two signatures below sign (`openssl cms -sign -binary`, detached).
const SIGNED_CONTENT: &[u8] = b"noi dung da ky";
/// RSA 2048, SHA-256, signed attributes (as pyHanko and the signing tools make them).
const RSA_SIGNATURE: &[u8] = include_bytes!("../../../tests/fixtures/chu-ky-rsa-sha256.p7s");
/// ECDSA P-256 with SHA-384.
const P256_SIGNATURE: &[u8] = include_bytes!("../../../tests/fixtures/chu-ky-p256-sha384.p7s");

#[test]
fn an_rsa_and_an_ecdsa_signature_hold_over_the_bytes_they_signed_in_any_pieces() {
    for sig in [RSA_SIGNATURE, P256_SIGNATURE] {
        assert_eq!(check_value(sig, &[SIGNED_CONTENT]), ValueCheck::Holds);
        let (a, b) = SIGNED_CONTENT.split_at(5);
        assert_eq!(check_value(sig, &[a, b]), ValueCheck::Holds);
        let mut padded = sig.to_vec();
        padded.resize(sig.len() + 512, 0);
        assert_eq!(check_value(&padded, &[SIGNED_CONTENT]), ValueCheck::Holds);
    }
}

#[test]
fn a_signature_over_other_bytes_is_a_digest_mismatch() {
    for sig in [RSA_SIGNATURE, P256_SIGNATURE] {
        assert_eq!(
            check_value(sig, &[b"noi dung da sua"]),
            ValueCheck::DigestDiffers
        );
        assert_eq!(check_value(sig, &[]), ValueCheck::DigestDiffers);
    }
}

#[test]
fn a_changed_signature_value_or_garbage_does_not_hold() {
    // The signature value is the last bytes of the signer info (no unsigned attributes).
    for sig in [RSA_SIGNATURE, P256_SIGNATURE] {
        let mut forged = sig.to_vec();
        let at = forged.len() - 3;
        forged[at] ^= 0x40;
        assert_ne!(check_value(&forged, &[SIGNED_CONTENT]), ValueCheck::Holds);
    }
    assert_eq!(check_value(b"", &[SIGNED_CONTENT]), ValueCheck::Unreadable);
    assert_eq!(
        check_value(&RSA_SIGNATURE[..RSA_SIGNATURE.len() / 2], &[SIGNED_CONTENT]),
        ValueCheck::Unreadable
    );
}

#[test]
fn a_changed_signed_attribute_no_longer_holds() {
    // The signing time sits in the signed attributes: one digit changed keeps the
    // structure readable and the message digest right, but the value fails.
    let mut forged = RSA_SIGNATURE.to_vec();
    // signingTime (1.2.840.113549.1.9.5), then SET { UTCTime }.
    let oid = [
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x05,
    ];
    let at = forged
        .windows(oid.len())
        .position(|w| w == oid)
        .expect("a signing time")
        + oid.len();
    assert_eq!(forged[at + 2], 0x17, "a UTCTime");
    let digit = at + 4;
    forged[digit] = if forged[digit] == b'2' { b'3' } else { b'2' };
    assert_eq!(
        check_value(&forged, &[SIGNED_CONTENT]),
        ValueCheck::ValueFails
    );
}

/// A timestamp token (`openssl ts -reply -token_out`) over the digest of
/// [`SIGNED_CONTENT`]: what a document timestamp's `/Contents` holds.
const TIMESTAMP: &[u8] = include_bytes!("../../../tests/fixtures/dau-thoi-gian-sha256.tsr");

#[test]
fn a_document_timestamp_holds_when_its_imprint_is_the_digest_of_the_covered_bytes() {
    assert_eq!(check_value(TIMESTAMP, &[SIGNED_CONTENT]), ValueCheck::Holds);
    assert_eq!(
        check_value(TIMESTAMP, &[b"noi dung khac"]),
        ValueCheck::DigestDiffers
    );
}
