//! issue: who signed — the signer's name read from the certificate inside a PDF
//! signature's CMS (PKCS #7) `SignedData`. Only read, never validated: checking the
//! certificate chain and the signature itself stays with the signing tools.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::asn1::ObjectIdentifier;
use der::{Decode, Reader, SliceReader, Tag, Tagged};
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
    let mut reader = SliceReader::new(der).ok()?;
    let info = ContentInfo::decode(&mut reader).ok()?;
    // The padding after the structure must be zeros, else it is not a PDF signature.
    let rest = reader.read_slice(reader.remaining_len()).ok()?;
    if rest.iter().any(|b| *b != 0) {
        return None;
    }
    let signed: SignedData = info.content.decode_as().ok()?;
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
    let subject = &cert.tbs_certificate.subject;
    Some(SignerName {
        common_name: attribute(subject, COMMON_NAME),
        organisation: attribute(subject, ORGANIZATION),
    })
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
