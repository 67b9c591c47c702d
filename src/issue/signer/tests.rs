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
