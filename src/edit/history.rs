//! Undo and redo of edits: snapshots of the project before each step.

use super::{Edit, EditError, apply};
use crate::model::Project;

/// Undo and redo as snapshots of the project before each step; consecutive edits of
/// the same text merge into one step.
#[derive(Debug)]
pub struct History {
    undo: Vec<(Project, Option<String>)>,
    redo: Vec<Project>,
    limit: usize,
    /// Set when the last step may absorb the next edit with the same key.
    open_key: Option<String>,
}

impl Default for History {
    fn default() -> Self {
        Self::new(500)
    }
}

impl History {
    /// A history keeping at most `limit` undo steps.
    pub fn new(limit: usize) -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            limit: limit.max(1),
            open_key: None,
        }
    }

    /// Applies `edit` and records it; returns whether the project changed.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<bool, EditError> {
        let key = edit.merge_key();
        let before = project.clone();
        apply(project, edit)?;
        if *project == before {
            return Ok(false);
        }
        let merges = key.is_some() && key == self.open_key;
        if !merges {
            self.undo.push((before, key.clone()));
            if self.undo.len() > self.limit {
                self.undo.remove(0);
            }
        }
        self.open_key = key;
        self.redo.clear();
        Ok(true)
    }

    /// Ends the current typing run, so that the next edit starts a new undo step.
    pub fn seal(&mut self) {
        self.open_key = None;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Number of undo steps available.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// Restores the project as it was before the last step; false when there is none.
    pub fn undo(&mut self, project: &mut Project) -> bool {
        self.open_key = None;
        match self.undo.pop() {
            Some((before, _)) => {
                self.redo.push(std::mem::replace(project, before));
                true
            }
            None => false,
        }
    }

    /// Re-applies the last undone step; false when there is none.
    pub fn redo(&mut self, project: &mut Project) -> bool {
        self.open_key = None;
        match self.redo.pop() {
            Some(after) => {
                self.undo.push((std::mem::replace(project, after), None));
                true
            }
            None => false,
        }
    }

    /// Forgets everything (after opening another file).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.open_key = None;
    }
}
