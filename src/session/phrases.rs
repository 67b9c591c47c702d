//! session: the suggested sentences of a writing step (Câu gợi ý) as their chips show
//! them, derived once per revision with the rest of [`super::Derived`]: the period
//! words and the commune filled as they will go in, the figures as their values, the
//! words without markup. The editor only draws them.

use crate::compose::placeholders::with_values;
use crate::guide::{Step, guide};
use crate::model::{Project, Report};

/// One suggested sentence of a step.
#[derive(Clone, Debug, PartialEq)]
pub struct Chip {
    /// As it is inserted (markup and the figures' codes kept); the period words and
    /// the commune are filled when it goes in.
    pub phrase: String,
    /// The words as they will print, on the chip and its hover text.
    pub shown: String,
}

/// Fills the placeholders the program knows: the period words (`{kỳ}`, `{kỳ tới}`,
/// `{kỳ trước}`, as the period check expects them; `next_tasks` for a sentence going
/// into Nhiệm vụ thời gian tới) and `{xã}` (the commune, from the organisation's name);
/// the others stay for the clerk.
pub fn fill_known(phrase: &str, project: &Project, report: &Report, next_tasks: bool) -> String {
    let org = &project.organisation;
    let commune = org
        .full_name
        .trim()
        .strip_prefix("Ủy ban nhân dân ")
        .unwrap_or(org.full_name.trim())
        .to_owned();
    let mut out = crate::model::fill_periods(phrase, report.period, next_tasks);
    if !commune.is_empty() {
        out = out.replace("{xã}", &commune);
    }
    out
}

/// The chips of `step`: for a writing step the sentences built from this period's
/// figures (`built`: for Ưu điểm and Hạn chế) first, then the guide's phrase bank with
/// the figures as their values; for the other steps their phrases as they go in.
pub fn chips(project: &Project, report: &Report, step: Step, built: &[String]) -> Vec<Chip> {
    let phrases = built.iter().chain(&guide(step).phrases);
    if step.roles().is_empty() {
        // The header's and the signature's phrases (trích yếu, Kính gửi, câu kết, Nơi
        // nhận) go in as the period words and the commune fill them.
        return phrases
            .map(|p| Chip {
                phrase: p.clone(),
                shown: fill_known(p, project, report, false),
            })
            .collect();
    }
    let next_tasks = step == Step::NhiemVuToi;
    phrases
        .map(|p| {
            let filled = with_values(project, report, &fill_known(p, project, report, next_tasks));
            Chip {
                phrase: p.clone(),
                shown: crate::model::rich::plain_text(&filled)
                    .trim_end()
                    .to_owned(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample;

    #[test]
    fn the_period_and_the_commune_are_filled_in() {
        let project = sample();
        let report = &project.reports[0];
        let filled = fill_known(
            "Báo cáo {kỳ} của Ủy ban nhân dân {xã}, số {số}",
            &project,
            report,
            false,
        );
        assert_eq!(
            filled,
            "Báo cáo quý II năm 2026 của Ủy ban nhân dân xã Bình Minh Hải, số {số}"
        );
        let next = fill_known("Trong {kỳ} và {kỳ tới}", &project, report, true);
        assert_eq!(next, "Trong quý III năm 2026 và quý III năm 2026");
    }

    #[test]
    fn a_chip_shows_the_words_as_they_print_and_keeps_the_phrase_as_it_goes_in() {
        let project = sample();
        let report = &project.reports[0];
        let built = vec!["Đạt **{{CT01.kết quả}}** trong {kỳ}.".to_owned()];
        let chips = chips(&project, report, Step::HanChe, &built);
        assert_eq!(chips.len(), 1 + guide(Step::HanChe).phrases.len());
        assert_eq!(chips[0].phrase, built[0]);
        assert_eq!(chips[0].shown, "Đạt 91,2% trong quý II năm 2026.");
        assert!(chips.iter().all(|c| !c.shown.contains("**")));
        // The header step's phrases go in with the period words filled.
        let header = super::chips(&project, report, Step::ThongTin, &[]);
        assert_eq!(header.len(), guide(Step::ThongTin).phrases.len());
        assert!(header.iter().all(|c| !c.shown.contains("{kỳ}")));
    }
}
