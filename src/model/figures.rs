//! Which recorded figures a report of a period reads: the one place period records are
//! looked up for printing, placeholders, statuses, checks and the window's panels, so
//! that they all say the same.

use chrono::NaiveDate;

use super::{IndicatorValue, Period, PeriodRecord, Project, TaskProgress, Value};

/// An indicator's figure as a report of a period prints it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Figure<'a> {
    /// `None` while no figure has been collected.
    pub value: Option<&'a Value>,
    /// Where the figure comes from: the evidence typed for the asked period itself
    /// when there is some, else that of the record the value comes from.
    pub evidence: &'a str,
    /// The period whose record holds the value: the asked period, or for a thematic
    /// period an earlier or running one; `None` without a value.
    pub from: Option<Period>,
}

impl Project {
    /// The records that speak for `period`, the one that counts most first.
    ///
    /// A quarter, six or nine months or a year reads only its own record. A thematic
    /// period cut off at a date (`tính đến ngày 15/5/2026`) reads its own record
    /// first, then the other records of the same year whose period *started* on or
    /// before the cut-off, latest first: the later of its end and the cut-off first
    /// (the quarter still running on 15/5 before the quarter that ended on 31/3), then
    /// the later start (quý II before 6 tháng đầu năm), then the earlier end. Records
    /// of periods that start after the cut-off never count.
    pub fn records_for(&self, period: Period) -> Vec<&PeriodRecord> {
        let exact = self.periods.iter().filter(|r| r.period == period);
        let Some(cut) = period.cut_off() else {
            return exact.collect();
        };
        let mut earlier: Vec<(&PeriodRecord, NaiveDate, NaiveDate, NaiveDate)> = self
            .periods
            .iter()
            .filter(|r| r.period != period && r.period.year == period.year)
            .filter_map(|r| {
                let start = r.period.start_date()?;
                let end = r.period.end_date()?;
                (start <= cut).then_some((r, end.min(cut), start, end))
            })
            .collect();
        earlier.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(b.2.cmp(&a.2))
                .then(a.3.cmp(&b.3))
                .then(a.0.period.cmp(&b.0.period))
        });
        exact.chain(earlier.into_iter().map(|e| e.0)).collect()
    }

    /// The figure of indicator `id` that a report of `period` prints: from the first
    /// record of [`Self::records_for`] that holds a value for it (for a thematic
    /// period, indicator by indicator: a figure typed for the cut-off wins, the others
    /// come from the latest records).
    pub fn figure(&self, period: Period, id: &str) -> Figure<'_> {
        let records = self.records_for(period);
        let own: Option<&IndicatorValue> = records
            .first()
            .filter(|r| r.period == period)
            .and_then(|r| r.indicators.get(id));
        let found = records.iter().find_map(|r| match r.indicators.get(id) {
            Some(v) if v.value.is_some() => Some((r.period, v)),
            _ => None,
        });
        let evidence = match (own, found) {
            (Some(o), _) if !o.evidence.trim().is_empty() => o.evidence.as_str(),
            (_, Some((_, v))) => v.evidence.as_str(),
            (Some(o), None) => o.evidence.as_str(),
            (None, None) => "",
        };
        Figure {
            value: found.and_then(|(_, v)| v.value.as_ref()),
            evidence,
            from: found.map(|(p, _)| p),
        }
    }

    /// The value of indicator `id` a report of `period` prints (see [`Self::figure`]).
    pub fn indicator_value(&self, period: Period, id: &str) -> Option<&Value> {
        self.figure(period, id).value
    }

    /// The progress of task `id` a report of `period` prints: from the first record of
    /// [`Self::records_for`] that has an entry for it.
    pub fn task_progress(&self, period: Period, id: &str) -> Option<&TaskProgress> {
        self.records_for(period)
            .into_iter()
            .find_map(|r| r.tasks.get(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PeriodKind, TaskState};

    fn q(n: u8) -> Period {
        Period::new(2026, PeriodKind::Quarter(n))
    }

    fn cut(m: u32, d: u32) -> Period {
        Period::up_to(NaiveDate::from_ymd_opt(2026, m, d).unwrap())
    }

    fn with_value(p: &mut Project, period: Period, id: &str, v: f64, evidence: &str) {
        p.period_record_mut(period).indicators.insert(
            id.into(),
            IndicatorValue {
                value: Some(Value::Number(v)),
                evidence: evidence.into(),
            },
        );
    }

    fn project() -> Project {
        let mut p = Project::default();
        with_value(
            &mut p,
            Period::new(2025, PeriodKind::Quarter(4)),
            "CT01",
            1.0,
            "",
        );
        with_value(&mut p, q(1), "CT01", 10.0, "quý I");
        with_value(&mut p, q(1), "CT02", 20.0, "quý I");
        with_value(&mut p, q(2), "CT01", 11.0, "quý II");
        with_value(&mut p, q(3), "CT01", 12.0, "quý III");
        with_value(
            &mut p,
            Period::new(2026, PeriodKind::FirstHalf),
            "CT01",
            13.0,
            "",
        );
        p
    }

    fn periods(p: &Project, period: Period) -> Vec<Period> {
        p.records_for(period).iter().map(|r| r.period).collect()
    }

    #[test]
    fn a_quarter_reads_only_its_own_record() {
        let p = project();
        assert_eq!(periods(&p, q(2)), [q(2)]);
        assert_eq!(p.indicator_value(q(4), "CT01"), None);
    }

    #[test]
    fn a_cut_off_reads_the_running_quarter_then_the_ended_ones_of_its_year() {
        let p = project();
        assert_eq!(
            periods(&p, cut(5, 15)),
            [q(2), Period::new(2026, PeriodKind::FirstHalf), q(1)]
        );
        let f = p.figure(cut(5, 15), "CT01");
        assert_eq!(f.value, Some(&Value::Number(11.0)));
        assert_eq!(f.evidence, "quý II");
        assert_eq!(f.from, Some(q(2)));
    }

    #[test]
    fn a_figure_missing_in_the_running_quarter_comes_from_the_latest_that_has_one() {
        let p = project();
        let f = p.figure(cut(5, 15), "CT02");
        assert_eq!(f.value, Some(&Value::Number(20.0)));
        assert_eq!(f.from, Some(q(1)));
    }

    #[test]
    fn a_figure_typed_for_the_cut_off_wins_indicator_by_indicator() {
        let mut p = project();
        with_value(&mut p, cut(5, 15), "CT02", 25.0, "");
        assert_eq!(
            p.indicator_value(cut(5, 15), "CT02"),
            Some(&Value::Number(25.0))
        );
        assert_eq!(
            p.indicator_value(cut(5, 15), "CT01"),
            Some(&Value::Number(11.0))
        );
        assert_eq!(p.figure(cut(5, 15), "CT02").evidence, "");
    }

    #[test]
    fn evidence_typed_for_the_cut_off_is_printed_with_an_earlier_figure() {
        let mut p = project();
        p.period_record_mut(cut(5, 15))
            .indicators
            .entry("CT01".into())
            .or_default()
            .evidence = "Báo cáo nhanh".into();
        let f = p.figure(cut(5, 15), "CT01");
        assert_eq!(f.value, Some(&Value::Number(11.0)));
        assert_eq!(f.evidence, "Báo cáo nhanh");
    }

    #[test]
    fn records_of_periods_starting_after_the_cut_off_or_of_another_year_never_count() {
        let p = project();
        assert_eq!(
            periods(&p, cut(3, 31)),
            [q(1), Period::new(2026, PeriodKind::FirstHalf)]
        );
        assert_eq!(
            p.indicator_value(cut(1, 10), "CT01"),
            Some(&Value::Number(10.0))
        );
        let only_last_year = {
            let mut p = Project::default();
            with_value(&mut p, Period::new(2025, PeriodKind::Year), "CT01", 1.0, "");
            p
        };
        assert_eq!(only_last_year.indicator_value(cut(5, 15), "CT01"), None);
    }

    #[test]
    fn task_progress_follows_the_same_records() {
        let mut p = project();
        p.period_record_mut(q(1)).tasks.insert(
            "NV1".into(),
            TaskProgress {
                state: TaskState::Done,
                note: String::new(),
            },
        );
        assert_eq!(
            p.task_progress(cut(5, 15), "NV1").map(|t| t.state),
            Some(TaskState::Done)
        );
        assert!(p.task_progress(q(2), "NV1").is_none());
    }
}
