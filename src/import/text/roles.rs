//! import, text: which part of the sơ kết skeleton a recognised section plays, from
//! its title, tolerant of case and diacritics. Each role goes to one section at most.

use crate::model::{Section, SectionRole};
use crate::vi::fold;

/// Gives `sections` (and their children) roles by their titles.
pub(crate) fn assign(sections: &mut [Section]) {
    let mut used = Vec::new();
    walk(sections, None, 1, &mut used);
}

fn walk(
    sections: &mut [Section],
    parent: Option<SectionRole>,
    depth: usize,
    used: &mut Vec<SectionRole>,
) {
    for s in sections {
        let role = role_for(&fold(&s.title), parent, depth).filter(|r| !used.contains(r));
        if let Some(r) = role {
            used.push(r);
        }
        s.role = role;
        walk(&mut s.children, role, depth + 1, used);
    }
}

/// The role a section titled `t` (folded) plays under a section playing `parent`.
fn role_for(t: &str, parent: Option<SectionRole>, depth: usize) -> Option<SectionRole> {
    let has = |p: &str| t.contains(p);
    if has("can cu") {
        return Some(SectionRole::Bases);
    }
    let ahead = [
        "thoi gian toi",
        "phuong huong",
        "ky toi",
        "tiep theo",
        "cuoi nam",
    ];
    if ahead.iter().any(|p| has(p)) && (has("nhiem vu") || has("giai phap") || has("phuong huong"))
    {
        return Some(SectionRole::NextTasks);
    }
    if has("kien nghi") || has("de xuat") {
        return Some(SectionRole::Proposals);
    }
    if has("danh gia chung") {
        return Some(SectionRole::Assessment);
    }
    if parent == Some(SectionRole::Results) && has("lanh dao") && has("chi dao") {
        return Some(SectionRole::Leadership);
    }
    if has("nhiem vu trong tam") {
        return Some(SectionRole::KeyTasks);
    }
    if has("chi tieu") && depth > 1 {
        return Some(SectionRole::IndicatorResults);
    }
    if depth == 1 && t.starts_with("ket qua") {
        return Some(SectionRole::Results);
    }
    // Strengths, shortcomings, causes: the one named first ("Hạn chế và nguyên nhân"
    // is about shortcomings).
    [
        ("uu diem", SectionRole::Strengths),
        ("han che", SectionRole::Shortcomings),
        ("ton tai", SectionRole::Shortcomings),
        ("nguyen nhan", SectionRole::Causes),
    ]
    .iter()
    .filter_map(|(p, r)| t.find(p).map(|at| (at, *r)))
    .min_by_key(|(at, _)| *at)
    .map(|(_, r)| r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles_of(titles: &[(&str, &[&str])]) -> Vec<Option<SectionRole>> {
        let mut sections: Vec<Section> = titles
            .iter()
            .map(|(t, kids)| {
                let mut s = Section::new("x", *t);
                s.children = kids.iter().map(|k| Section::new("y", *k)).collect();
                s
            })
            .collect();
        assign(&mut sections);
        sections
            .iter()
            .flat_map(Section::walk)
            .map(|s| s.role)
            .collect()
    }

    #[test]
    fn skeleton_titles_get_their_roles_whatever_the_case_and_marks() {
        use SectionRole::*;
        let roles = roles_of(&[
            ("CĂN CỨ XÂY DỰNG BÁO CÁO", &[]),
            (
                "Kết quả triển khai thực hiện",
                &[
                    "Công tác lãnh đạo, chỉ đạo",
                    "Ket qua thuc hien cac nhiem vu trong tam",
                    "Kết quả thực hiện các chỉ tiêu",
                    "Đánh giá chung",
                ],
            ),
            ("Hạn chế và nguyên nhân", &[]),
            (
                "NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI",
                &["Về công tác chỉ đạo, điều hành"],
            ),
            ("Kiến nghị, đề xuất", &[]),
            ("Kiến nghị khác", &[]),
        ]);
        assert_eq!(
            roles,
            [
                Some(Bases),
                Some(Results),
                Some(Leadership),
                Some(KeyTasks),
                Some(IndicatorResults),
                Some(Assessment),
                Some(Shortcomings),
                Some(NextTasks),
                None,
                Some(Proposals),
                None,
            ]
        );
    }
}
