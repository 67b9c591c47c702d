//! Stable string identifiers. Ids never depend on list positions, so reordering a list
//! (sections, indicators) never changes what a reference points to.

/// Id of an office (phòng, ban, đơn vị) in [`crate::model::Organisation::offices`].
pub type OfficeId = String;
/// Id of a signer in [`crate::model::Organisation::signers`].
pub type SignerId = String;
/// Id of an indicator (chỉ tiêu), e.g. `CT01`.
pub type IndicatorId = String;
/// Id of a task (nhiệm vụ), e.g. `NV01`.
pub type TaskId = String;
/// Id of a report in [`crate::model::Project::reports`].
pub type ReportId = String;
/// Id of a section inside one report.
pub type SectionId = String;

/// The number after the highest of the ids written `prefix` and a number (`CT07` → 8);
/// 1 when there is none.
pub fn next_number<'a>(prefix: &str, ids: impl IntoIterator<Item = &'a str>) -> u32 {
    ids.into_iter()
        .filter_map(|id| id.strip_prefix(prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0)
        + 1
}

/// Makes a new id with `prefix` that is not in `taken`: `prefix1`, `prefix2`, …
pub fn new_id<'a>(prefix: &str, taken: impl IntoIterator<Item = &'a str>) -> String {
    let taken: std::collections::BTreeSet<&str> = taken.into_iter().collect();
    (1..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !taken.contains(id.as_str()))
        .unwrap_or_else(|| prefix.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_id_skips_ids_already_taken() {
        assert_eq!(new_id("s", ["s1", "s2", "x"]), "s3");
        assert_eq!(new_id("s", []), "s1");
    }
}
