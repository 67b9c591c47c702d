//! compose: report + project → document tree, following Decree 30/2020.
//! Numbering, placeholder substitution and generated tables happen here, once.

pub mod doc;

pub use doc::*;

/// Points per millimetre (72 / 25.4).
pub const PT_PER_MM: f32 = 72.0 / 25.4;
