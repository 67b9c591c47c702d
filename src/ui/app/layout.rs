//! The widths of the window's columns: the step list, the preview and what is left for
//! the step being written. The preview keeps its share of the width (not a width in
//! points), so zooming in and back, or a smaller window, leaves it as the clerk set it;
//! the middle column never gets narrower than its fields need.

use eframe::egui;

/// Narrowest the middle column gets while the preview can still give up width: the
/// tables of Chỉ tiêu and Nhiệm vụ fit without scrolling sideways. The clerk may drag
/// the divider further, down to [`MIDDLE_DRAGGED`].
pub const MIDDLE_MIN: f32 = 580.0;
/// Narrowest middle column the divider can be dragged to.
const MIDDLE_DRAGGED: f32 = 400.0;
/// Narrowest preview (a fifth of the width, when that is less).
const PREVIEW_MIN: f32 = 150.0;

/// The step list: 210 points, narrower at large zooms.
pub fn step_list_width(whole: f32) -> f32 {
    (whole * 0.2).clamp(150.0, 210.0)
}

/// The preview's share of the width right of the step list, as the clerk left it.
#[derive(Clone, Copy, Debug)]
pub struct PreviewWidth {
    /// Fraction of the width beside the step list the clerk dragged the divider to
    /// (`None`: 45 %, 35 % in a narrow window).
    pub share: Option<f32>,
    /// That width in the last frame (points): when it changes (zoom, window size), the
    /// preview is set back to its share.
    last_width: f32,
}

impl Default for PreviewWidth {
    fn default() -> Self {
        Self {
            share: None,
            last_width: 0.0,
        }
    }
}

impl PreviewWidth {
    /// A share read from the preferences, if it is one.
    pub fn with_share(share: f32) -> Self {
        Self {
            share: (0.1..=0.8).contains(&share).then_some(share),
            last_width: 0.0,
        }
    }

    /// The widths the preview may take beside `width` points.
    pub fn range(width: f32) -> egui::Rangef {
        let min = PREVIEW_MIN.min(width * 0.2);
        let max = (width - MIDDLE_DRAGGED).min(width * 0.7).max(min);
        egui::Rangef::new(min, max)
    }

    /// The preview's width beside `width` points.
    pub fn width(&self, width: f32) -> f32 {
        let r = Self::range(width);
        match self.share {
            Some(share) => (share * width).clamp(r.min, r.max),
            None => {
                let share = if width < 1000.0 { 0.35 } else { 0.45 };
                (share * width).min(width - MIDDLE_MIN).clamp(r.min, r.max)
            }
        }
    }

    /// Before the panel is drawn: when the width changed, the panel (egui remembers its
    /// size in points) is set to the preview's share. Returns the range it may take.
    pub fn before_show(&self, ctx: &egui::Context, panel: egui::Id, width: f32) -> egui::Rangef {
        if (width - self.last_width).abs() > 0.5 {
            let size = egui::vec2(self.width(width), 1.0);
            let state = egui::containers::panel::PanelState {
                outer_rect: egui::Rect::from_min_size(egui::Pos2::ZERO, size),
            };
            ctx.data_mut(|d| d.insert_persisted(panel, state));
        }
        Self::range(width)
    }

    /// After the panel is drawn `shown` points wide: a width the clerk dragged to
    /// becomes the new share; one the range squeezed does not.
    pub fn after_show(&mut self, width: f32, shown: f32) {
        let same_width = (width - self.last_width).abs() <= 0.5;
        if same_width && width > 0.0 && (shown - self.width(width)).abs() > 1.0 {
            self.share = Some(shown / width);
        }
        self.last_width = width;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_squeezed_preview_comes_back_to_its_share() {
        let mut p = PreviewWidth::default();
        p.after_show(1156.0, p.width(1156.0));
        let wide = p.width(1156.0);
        assert!((wide - 0.45 * 1156.0).abs() < 1.0, "{wide}");
        // At 200 % the width beside the steps is about 533 points: the preview gives
        // way to the middle column.
        let narrow = p.width(533.0);
        assert!(narrow <= PREVIEW_MIN, "{narrow}");
        p.after_show(533.0, narrow);
        p.after_show(533.0, narrow);
        p.after_show(1156.0, p.width(1156.0));
        assert_eq!(
            p.width(1156.0),
            wide,
            "back at 100 % it is as wide as before"
        );
        // A drag is kept as a share.
        p.after_show(1156.0, 300.0);
        assert!((p.share.unwrap_or(0.0) - 300.0 / 1156.0).abs() < 1e-4);
        assert_eq!(PreviewWidth::with_share(7.0).share, None);
    }
}
