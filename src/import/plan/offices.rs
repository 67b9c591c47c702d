//! import, plan: an office a plan writes both in full and abbreviated (`Phòng Văn hóa -
//! Xã hội` and `Phòng VH-XH`, `Trung tâm Phục vụ Hành chính công` and `TT PVHCC`) is
//! one office: the abbreviated one the import created is folded into the other, and a
//! note says so.

use super::PlanNote;
use crate::model::{OfficeId, Project};
use crate::vi::fold;

/// Whether a word is an abbreviation: two or more letters, all capitals.
fn is_abbreviation(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// The words of a name, split at spaces, dashes, `&` and commas.
fn words(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '&' | ',' | '.'))
        .filter(|w| !w.is_empty())
}

/// The initials of a name, an abbreviation counting for its letters: `Phòng Văn hóa -
/// Xã hội` and `Phòng VH-XH` both give `PVHXH`.
fn initials(name: &str) -> String {
    words(name)
        .flat_map(|w| {
            let folded = fold(w).to_uppercase();
            if is_abbreviation(w) {
                folded
                    .chars()
                    .filter(char::is_ascii_alphabetic)
                    .collect::<Vec<_>>()
            } else {
                folded.chars().take(1).collect()
            }
        })
        .collect()
}

/// Folds each office the import created (index `first_new` on) whose name is written
/// with an abbreviation into the one office written in full with the same initials.
pub(super) fn unify_abbreviations(
    scratch: &mut Project,
    first_new: usize,
    notes: &mut Vec<PlanNote>,
) {
    let offices = &scratch.organisation.offices;
    let mut merges: Vec<(OfficeId, OfficeId)> = Vec::new();
    for short in offices.iter().skip(first_new) {
        if !words(&short.name).any(is_abbreviation) {
            continue;
        }
        let key = initials(&short.name);
        if key.chars().count() < 3 {
            continue;
        }
        let full: Vec<_> = offices
            .iter()
            .filter(|o| o.id != short.id && !words(&o.name).any(is_abbreviation))
            .filter(|o| initials(&o.name) == key)
            .collect();
        // Only when the full name is unambiguous.
        if let [full] = full.as_slice() {
            notes.push(PlanNote::new(
                0,
                format!(
                    "đơn vị viết tắt “{}” được hiểu là “{}”.",
                    short.name, full.name
                ),
            ));
            merges.push((short.id.clone(), full.id.clone()));
        }
    }
    for (from, to) in merges {
        let swap = |ids: &mut Vec<OfficeId>| {
            for id in ids.iter_mut() {
                if *id == from {
                    id.clone_from(&to);
                }
            }
            let mut seen = Vec::new();
            ids.retain(|id| {
                let first = !seen.contains(id);
                seen.push(id.clone());
                first
            });
        };
        for t in &mut scratch.plan.tasks {
            swap(&mut t.lead);
            swap(&mut t.coordinating);
        }
        for i in &mut scratch.plan.indicators {
            swap(&mut i.lead);
        }
        let short_name = scratch
            .organisation
            .office(&from)
            .map(|o| o.name.clone())
            .unwrap_or_default();
        let offices = &mut scratch.organisation.offices;
        offices.retain(|o| o.id != from);
        if let Some(full) = offices.iter_mut().skip(first_new).find(|o| o.id == to)
            && full.short == full.name
        {
            full.short = short_name;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Office, Task};

    fn office(id: &str, name: &str) -> Office {
        Office {
            id: id.into(),
            name: name.into(),
            short: name.into(),
        }
    }

    #[test]
    fn an_abbreviated_office_is_the_office_written_in_full() {
        assert_eq!(initials("Phòng Văn hóa - Xã hội"), "PVHXH");
        assert_eq!(initials("Phòng VH-XH"), "PVHXH");
        assert_eq!(
            initials("TT PVHCC"),
            initials("Trung tâm Phục vụ Hành chính công")
        );
        let mut p = Project::default();
        p.organisation.offices = vec![
            office("DV01", "Phòng Văn hóa - Xã hội"),
            office("DV02", "Phòng VH-XH"),
            office("DV03", "TT DVSNC"),
        ];
        p.plan.tasks.push(Task {
            id: "NV01".into(),
            lead: vec!["DV02".into(), "DV01".into()],
            ..Task::default()
        });
        let mut notes = Vec::new();
        unify_abbreviations(&mut p, 0, &mut notes);
        assert_eq!(p.plan.tasks[0].lead, ["DV01"]);
        assert_eq!(p.organisation.offices.len(), 2);
        assert_eq!(p.organisation.offices[0].short, "Phòng VH-XH");
        assert_eq!(notes.len(), 1);
    }
}
