//! issue: who signed and whether the signature value holds — the signer's name read
//! from the certificate inside a PDF signature's CMS (PKCS #7) `SignedData`, and the
//! check that this certificate's key signed exactly the digest of the bytes the
//! signature covers. Trust in the certificate (its chain, its revocation) stays with
//! the signing tools.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Encode, Reader, SliceReader, Tag, Tagged};
use x509_cert::Certificate;
use x509_cert::name::Name;

/// `commonName` (2.5.4.3).
const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
/// `organizationName` (2.5.4.10).
const ORGANIZATION: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.10");

/// The signer named by a certificate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignerName {
    /// The subject's common name (CN).
    pub common_name: Option<String>,
    /// The subject's organisation (O).
    pub organisation: Option<String>,
}

/// The subject of the certificate that made the first signer info of the CMS
/// `SignedData` in `der` (a PDF's `/Contents`, zero padding allowed after it).
/// `None` when the bytes are not such a structure.
pub fn signer_of(der: &[u8]) -> Option<SignerName> {
    let signed = signed_data(der)?;
    let (_, cert) = signer_and_certificate(&signed)?;
    let subject = &cert.tbs_certificate.subject;
    Some(SignerName {
        common_name: attribute(subject, COMMON_NAME),
        organisation: attribute(subject, ORGANIZATION),
    })
}

/// The CMS `SignedData` in `der`, zero padding allowed after it.
fn signed_data(der: &[u8]) -> Option<SignedData> {
    let mut reader = SliceReader::new(der).ok()?;
    let info = ContentInfo::decode(&mut reader).ok()?;
    // The padding after the structure must be zeros, else it is not a PDF signature.
    let rest = reader.read_slice(reader.remaining_len()).ok()?;
    if rest.iter().any(|b| *b != 0) {
        return None;
    }
    info.content.decode_as().ok()
}

/// The first signer info and the certificate it names (the first one carried, when
/// the signer is named by key identifier).
fn signer_and_certificate(signed: &SignedData) -> Option<(&SignerInfo, &Certificate)> {
    let certs: Vec<&Certificate> = signed
        .certificates
        .as_ref()
        .map(|set| {
            set.0
                .iter()
                .filter_map(|c| match c {
                    CertificateChoices::Certificate(c) => Some(c),
                    CertificateChoices::Other(_) => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let signer = signed.signer_infos.0.iter().next()?;
    let cert = match &signer.sid {
        SignerIdentifier::IssuerAndSerialNumber(id) => certs.iter().find(|c| {
            c.tbs_certificate.issuer == id.issuer
                && c.tbs_certificate.serial_number == id.serial_number
        }),
        SignerIdentifier::SubjectKeyIdentifier(_) => None,
    }
    .or_else(|| certs.first())?;
    Some((signer, cert))
}

/// `messageDigest` (1.2.840.113549.1.9.4).
const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
/// `id-ct-TSTInfo` (1.2.840.113549.1.9.16.1.4): the content of a timestamp token.
const TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
/// `rsaEncryption` (1.2.840.113549.1.1.1).
const RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// `RSASSA-PSS` (1.2.840.113549.1.1.10), not checked here.
const RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
/// `id-ecPublicKey` (1.2.840.10045.2.1).
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// The P-256 curve (`prime256v1`, 1.2.840.10045.3.1.7).
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");

/// What checking a signature value found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueCheck {
    /// The certificate's key signed the digest of exactly the covered bytes.
    Holds,
    /// The digest the signature carries is not that of the covered bytes.
    DigestDiffers,
    /// The signature value does not verify with the certificate's key.
    ValueFails,
    /// Not a CMS `SignedData` this program reads, or without the signer's certificate.
    Unreadable,
    /// Made with an algorithm this program does not check (named, in Vietnamese).
    Unsupported(String),
}

/// The digest algorithms a PDF signature uses.
#[derive(Clone, Copy)]
enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    fn of(oid: &ObjectIdentifier) -> Option<Self> {
        match oid.to_string().as_str() {
            "2.16.840.1.101.3.4.2.1" => Some(Self::Sha256),
            "2.16.840.1.101.3.4.2.2" => Some(Self::Sha384),
            "2.16.840.1.101.3.4.2.3" => Some(Self::Sha512),
            _ => None,
        }
    }

    /// The digest of the pieces, in order.
    fn digest(self, pieces: &[&[u8]]) -> Vec<u8> {
        fn run<D: sha2::Digest>(pieces: &[&[u8]]) -> Vec<u8> {
            let mut h = D::new();
            for p in pieces {
                h.update(p);
            }
            h.finalize().to_vec()
        }
        match self {
            Self::Sha256 => run::<sha2::Sha256>(pieces),
            Self::Sha384 => run::<sha2::Sha384>(pieces),
            Self::Sha512 => run::<sha2::Sha512>(pieces),
        }
    }

    /// The DER `DigestInfo` before the digest, which PKCS #1 v1.5 signs with it.
    fn digest_info_prefix(self) -> &'static [u8] {
        match self {
            Self::Sha256 => &[
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x01, 0x05, 0x00, 0x04, 0x20,
            ],
            Self::Sha384 => &[
                0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x02, 0x05, 0x00, 0x04, 0x30,
            ],
            Self::Sha512 => &[
                0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x03, 0x05, 0x00, 0x04, 0x40,
            ],
        }
    }
}

/// Checks the CMS signature in `der` (a PDF's `/Contents`) over `covered`, the pieces
/// of the file its `/ByteRange` names: the `messageDigest` signed attribute must be
/// the digest of those bytes, and the signature value over the signed attributes must
/// verify with the public key of the signer's certificate (RSA PKCS #1 v1.5, ECDSA
/// P-256). Whether that certificate is to be trusted is not looked at.
pub fn check_value(der: &[u8], covered: &[&[u8]]) -> ValueCheck {
    let Some(signed) = signed_data(der) else {
        return ValueCheck::Unreadable;
    };
    let Some((signer, cert)) = signer_and_certificate(&signed) else {
        return ValueCheck::Unreadable;
    };
    let Some(hash) = Hash::of(&signer.digest_alg.oid) else {
        return ValueCheck::Unsupported(format!(
            "thuật toán băm {} (chương trình kiểm tra SHA-256/384/512)",
            signer.digest_alg.oid
        ));
    };
    let info = &signed.encap_content_info;
    let content = match &info.econtent {
        None => hash.digest(covered),
        // A document timestamp: the token signs its TSTInfo, whose message imprint is
        // the digest of the covered bytes.
        Some(e) if info.econtent_type == TST_INFO => {
            let Ok(tst) = e.decode_as::<OctetString>() else {
                return ValueCheck::Unreadable;
            };
            match imprint_of(tst.as_bytes()) {
                Some((h, imprint)) if h.digest(covered) == imprint => {}
                Some(_) => return ValueCheck::DigestDiffers,
                None => return ValueCheck::Unreadable,
            }
            hash.digest(&[tst.as_bytes()])
        }
        Some(_) => {
            return ValueCheck::Unsupported(
                "chữ ký mang theo nội dung thay vì ký tách rời (adbe.pkcs7.sha1)".to_owned(),
            );
        }
    };
    let signed_digest = match &signer.signed_attrs {
        Some(attrs) => {
            let carried = attrs
                .iter()
                .find(|a| a.oid == MESSAGE_DIGEST)
                .and_then(|a| a.values.iter().next())
                .and_then(|v| v.decode_as::<OctetString>().ok());
            match carried {
                Some(d) if d.as_bytes() == content.as_slice() => {}
                Some(_) => return ValueCheck::DigestDiffers,
                None => return ValueCheck::Unreadable,
            }
            // The value signs the attributes' DER as a SET (not their [0] tag).
            let Ok(der) = attrs.to_der() else {
                return ValueCheck::Unreadable;
            };
            hash.digest(&[&der])
        }
        None => content,
    };
    if signer.signature_algorithm.oid == RSA_PSS {
        return ValueCheck::Unsupported("chữ ký RSA-PSS".to_owned());
    }
    let spki = &cert.tbs_certificate.subject_public_key_info;
    let key = spki.subject_public_key.raw_bytes();
    let sig = signer.signature.as_bytes();
    let holds = if spki.algorithm.oid == RSA {
        use rsa::pkcs1::DecodeRsaPublicKey;
        let Ok(key) = rsa::RsaPublicKey::from_pkcs1_der(key) else {
            return ValueCheck::Unreadable;
        };
        let scheme = rsa::Pkcs1v15Sign {
            hash_len: Some(signed_digest.len()),
            prefix: hash.digest_info_prefix().into(),
        };
        key.verify(scheme, &signed_digest, sig).is_ok()
    } else if spki.algorithm.oid == EC_PUBLIC_KEY {
        use p256::ecdsa::signature::hazmat::PrehashVerifier;
        let curve = spki
            .algorithm
            .parameters
            .as_ref()
            .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
        if curve != Some(P256) {
            return ValueCheck::Unsupported("chữ ký ECDSA trên đường cong khác P-256".to_owned());
        }
        let (Ok(key), Ok(sig)) = (
            p256::ecdsa::VerifyingKey::from_sec1_bytes(key),
            p256::ecdsa::DerSignature::from_bytes(sig),
        ) else {
            return ValueCheck::ValueFails;
        };
        key.verify_prehash(&signed_digest, &sig).is_ok()
    } else {
        return ValueCheck::Unsupported(format!("khóa công khai loại {}", spki.algorithm.oid));
    };
    if holds {
        ValueCheck::Holds
    } else {
        ValueCheck::ValueFails
    }
}

/// The hash and the message imprint of a timestamp's `TSTInfo` (RFC 3161:
/// `SEQUENCE { version, policy, messageImprint SEQUENCE { hashAlgorithm, hashedMessage
/// }, … }`).
fn imprint_of(tst_info: &[u8]) -> Option<(Hash, Vec<u8>)> {
    let mut reader = SliceReader::new(tst_info).ok()?;
    reader
        .sequence(|r| {
            let _version: der::asn1::Int = r.decode()?;
            let _policy: ObjectIdentifier = r.decode()?;
            let imprint = r.sequence(|m| {
                let algorithm: x509_cert::spki::AlgorithmIdentifierOwned = m.decode()?;
                let hashed: OctetString = m.decode()?;
                Ok((algorithm.oid, hashed.as_bytes().to_vec()))
            })?;
            r.read_slice(r.remaining_len())?;
            Ok(imprint)
        })
        .ok()
        .and_then(|(oid, hashed)| Some((Hash::of(&oid)?, hashed)))
}

/// The last value of `oid` in `name` (the most specific one), as text.
fn attribute(name: &Name, oid: ObjectIdentifier) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|atv| atv.oid == oid)
        .filter_map(|atv| {
            let bytes = atv.value.value();
            match atv.value.tag() {
                Tag::BmpString => {
                    let units: Vec<u16> = bytes
                        .chunks_exact(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect();
                    Some(String::from_utf16_lossy(&units))
                }
                Tag::TeletexString => Some(bytes.iter().map(|&b| char::from(b)).collect()),
                _ => std::str::from_utf8(bytes).ok().map(str::to_owned),
            }
        })
        .map(|s| crate::vi::nfc(s.trim()))
        .rfind(|s| !s.is_empty())
}

#[cfg(test)]
mod tests;
