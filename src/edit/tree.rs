//! The section tree as edits change it: finding a section's siblings and parent,
//! moving a section a level in or out, fresh ids for pasted sections.

use super::EditError;
use crate::model::{Report, Section, new_id};

/// The sibling list that holds `id`, and its position there.
pub(super) fn siblings_of<'a>(
    list: &'a mut Vec<Section>,
    id: &str,
) -> Option<(&'a mut Vec<Section>, usize)> {
    if let Some(pos) = list.iter().position(|s| s.id == id) {
        return Some((list, pos));
    }
    for s in list.iter_mut() {
        if let Some(found) = siblings_of(&mut s.children, id) {
            return Some(found);
        }
    }
    None
}

/// Gives `s` and its descendants ids not in `taken` (and records them there).
pub(super) fn renumber_ids(s: &mut Section, taken: &mut Vec<String>) {
    if s.id.is_empty() || taken.contains(&s.id) {
        s.id = new_id("muc-", taken.iter().map(String::as_str));
    }
    taken.push(s.id.clone());
    for c in &mut s.children {
        renumber_ids(c, taken);
    }
}

/// The list holding the parent of section `id`, and the parent's position in it.
fn parent_of<'a>(list: &'a mut Vec<Section>, id: &str) -> Option<(&'a mut Vec<Section>, usize)> {
    let pos = list
        .iter()
        .position(|s| s.children.iter().any(|c| c.id == id));
    match pos {
        Some(pos) => Some((list, pos)),
        None => list.iter_mut().find_map(|s| parent_of(&mut s.children, id)),
    }
}

/// Moves `id` one level deeper or out; checks first, so an error changes nothing.
pub(super) fn nest(r: &mut Report, id: &str, deeper: bool) -> Result<(), EditError> {
    if deeper {
        let (list, pos) =
            siblings_of(&mut r.sections, id).ok_or_else(|| EditError::NoSection(id.to_owned()))?;
        if pos == 0 {
            return Err(EditError::CannotNest(list[pos].title.clone()));
        }
        let moved = list.remove(pos);
        list[pos - 1].children.push(moved);
    } else {
        let Some((list, parent)) = parent_of(&mut r.sections, id) else {
            let title = r.section(id).map(|s| s.title.clone());
            return Err(match title {
                Some(t) => EditError::CannotNest(t),
                None => EditError::NoSection(id.to_owned()),
            });
        };
        let children = &mut list[parent].children;
        let Some(pos) = children.iter().position(|c| c.id == id) else {
            return Err(EditError::NoSection(id.to_owned()));
        };
        let moved = children.remove(pos);
        list.insert(parent + 1, moved);
    }
    Ok(())
}
