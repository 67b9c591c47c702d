//! export: the signature and seal images of a sign-ready final version (Decree 30,
//! Appendix I part II): PNG files the clerk chose, decoded and drawn where layout left
//! room for them in the signature block.

/// The PNG images drawn in the signature block; none unless the clerk asks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignatureImages {
    /// The signer's handwritten signature (blue, transparent background), PNG bytes.
    pub signature: Option<Vec<u8>>,
    /// The organisation's seal (red, actual size, transparent background), PNG bytes.
    pub seal: Option<Vec<u8>>,
}
