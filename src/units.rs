//! Units of length on paper, in types: millimetres ([`Mm`], as the decree and the
//! page setup speak) and PDF points ([`Pt`], 1/72 inch, as layout and the PDF
//! speak), with the one conversion between them and the one A4 sheet.

use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// Points per millimetre: 72 points to the inch, 25.4 mm to the inch.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// A length in millimetres.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Mm(pub f32);

/// A length in PDF points (1/72 inch).
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Pt(pub f32);

impl Mm {
    /// The same length in points.
    pub const fn to_pt(self) -> Pt {
        Pt(self.0 * PT_PER_MM)
    }
}

impl Pt {
    /// The same length in millimetres.
    pub const fn to_mm(self) -> Mm {
        Mm(self.0 / PT_PER_MM)
    }
}

impl From<Mm> for Pt {
    fn from(mm: Mm) -> Self {
        mm.to_pt()
    }
}

macro_rules! arithmetic {
    ($t:ident) => {
        impl Add for $t {
            type Output = $t;
            fn add(self, other: $t) -> $t {
                $t(self.0 + other.0)
            }
        }
        impl Sub for $t {
            type Output = $t;
            fn sub(self, other: $t) -> $t {
                $t(self.0 - other.0)
            }
        }
        impl Mul<f32> for $t {
            type Output = $t;
            fn mul(self, k: f32) -> $t {
                $t(self.0 * k)
            }
        }
        impl Div<f32> for $t {
            type Output = $t;
            fn div(self, k: f32) -> $t {
                $t(self.0 / k)
            }
        }
        impl Neg for $t {
            type Output = $t;
            fn neg(self) -> $t {
                $t(-self.0)
            }
        }
        impl AddAssign for $t {
            fn add_assign(&mut self, other: $t) {
                self.0 += other.0;
            }
        }
        impl SubAssign for $t {
            fn sub_assign(&mut self, other: $t) {
                self.0 -= other.0;
            }
        }
        impl Sum for $t {
            fn sum<I: Iterator<Item = $t>>(iter: I) -> $t {
                $t(iter.map(|x| x.0).sum())
            }
        }
        impl $t {
            /// The smaller of two lengths (as [`f32::min`]).
            pub fn min(self, other: $t) -> $t {
                $t(self.0.min(other.0))
            }
            /// The larger of two lengths (as [`f32::max`]).
            pub fn max(self, other: $t) -> $t {
                $t(self.0.max(other.0))
            }
        }
    };
}
arithmetic!(Mm);
arithmetic!(Pt);

/// The size of a sheet of paper.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paper {
    pub width: Mm,
    pub height: Mm,
}

/// A4 portrait, the paper of every administrative document (Decree 30, Art. 11).
pub const A4: Paper = Paper {
    width: Mm(210.0),
    height: Mm(297.0),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a4_is_595_28_by_841_89_points() {
        assert!((A4.width.to_pt().0 - 595.2756).abs() < 1e-3);
        assert!((A4.height.to_pt().0 - 841.8898).abs() < 1e-3);
    }

    #[test]
    fn millimetres_and_points_convert_both_ways() {
        assert!((Mm(25.4).to_pt().0 - 72.0).abs() < 1e-4);
        assert!((Pt(72.0).to_mm().0 - 25.4).abs() < 1e-4);
        assert_eq!(Mm(30.0) + Mm(20.0), Mm(50.0));
        assert_eq!(Pt(10.0) - Pt(4.0), Pt(6.0));
        assert_eq!(Mm(2.0) * 1.5, Mm(3.0));
        assert_eq!(Pt(3.0) / 2.0, Pt(1.5));
        assert_eq!(-Pt(2.0), Pt(-2.0));
        assert_eq!(Pt(1.0).max(Pt(2.0)), Pt(2.0));
        assert_eq!(Pt(1.0).min(Pt(2.0)), Pt(1.0));
        assert_eq!([Pt(1.0), Pt(2.5)].into_iter().sum::<Pt>(), Pt(3.5));
        let mut x = Pt(1.0);
        x += Pt(2.0);
        x -= Pt(0.5);
        assert_eq!(x, Pt(2.5));
    }
}
