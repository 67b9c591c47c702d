//! Notices when a project file was changed on disk by someone else after it was
//! loaded or saved, so that a save never silently overwrites another person's work.
//!
//! Part of `storage`; the window stamps the file at load and save and checks the stamp
//! before overwriting.

use std::fs;
use std::io::{self, Read};
use std::path::Path;
use std::time::SystemTime;

/// What a file looked like when it was last read or written by us: its size, its
/// modification time (when the platform reports one) and a hash of its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskStamp {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

impl DiskStamp {
    /// The stamp of `bytes` as they are (or were just written) on disk.
    pub(crate) fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        let mut hash = Fnv1a::new();
        hash.write(bytes);
        Self {
            len: bytes.len() as u64,
            modified,
            hash: hash.finish(),
        }
    }

    /// The content's size and hash as text, to be written down with a copy made from
    /// this version (the recovery file) and compared later with [`content_is`].
    pub fn content_key(&self) -> String {
        format!("{}:{:016x}", self.len, self.hash)
    }

    /// Whether both stamps describe the same bytes (the modification time aside).
    fn same_content(&self, other: &DiskStamp) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

/// Stamps the file at `path` as it is now.
pub fn stamp(path: &Path) -> io::Result<DiskStamp> {
    // Opening a FIFO would block; a device would never end.
    super::ensure_regular(path).map_err(|e| match e {
        super::LimitedReadError::Io(e) => e,
        other => io::Error::other(other.to_string()),
    })?;
    let mut file = fs::File::open(path)?;
    // Taken before reading: if the file changes while we read, the next check sees a
    // newer time and falls back to comparing the hash of what we actually read.
    let modified = file.metadata().ok().and_then(|m| m.modified().ok());
    let mut hash = Fnv1a::new();
    let mut len = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let chunk = buf.get(..n).unwrap_or_default();
        hash.write(chunk);
        len += chunk.len() as u64;
    }
    Ok(DiskStamp {
        len,
        modified,
        hash: hash.finish(),
    })
}

/// Whether the file at `path` holds exactly the content of `key` (a
/// [`DiskStamp::content_key`]); a missing or unreadable file does not.
pub fn content_is(path: &Path, key: &str) -> bool {
    stamp(path).is_ok_and(|s| s.content_key() == key)
}

/// Whether the file at `path` differs from `stamp`. Cheap when nothing happened: the
/// bytes are only hashed when the size is the same but the modification time moved
/// (a copy or a "touch" that did not change the content counts as unchanged). A file
/// that vanished, or a folder in its place, counts as changed.
pub fn changed_on_disk(path: &Path, stamp: &DiskStamp) -> io::Result<bool> {
    differs(path, stamp, true)
}

/// Like [`changed_on_disk`] but always compares the bytes, for the moment just before
/// overwriting: some file systems (FAT on USB sticks, some network shares) keep
/// modification times to the nearest two seconds or not at all.
pub(crate) fn changed_on_disk_strict(path: &Path, stamp: &DiskStamp) -> io::Result<bool> {
    differs(path, stamp, false)
}

fn differs(path: &Path, expected: &DiskStamp, trust_mtime: bool) -> io::Result<bool> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(true),
        Err(e) => return Err(e),
    };
    if !meta.is_file() || meta.len() != expected.len {
        return Ok(true);
    }
    let modified = meta.modified().ok();
    if trust_mtime && modified.is_some() && modified == expected.modified {
        return Ok(false);
    }
    match stamp(path) {
        Ok(now) => Ok(!now.same_content(expected)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e),
    }
}

/// 64-bit FNV-1a: tiny, dependency-free, and plenty to tell two versions of a file apart.
struct Fnv1a(u64);

impl Fnv1a {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    fn new() -> Self {
        Self(Self::OFFSET)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        let hash = |s: &str| DiskStamp::of_bytes(s.as_bytes(), None).hash;
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn an_untouched_file_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, "(format_version: 1)").unwrap();
        let s = stamp(&path).unwrap();
        assert!(!changed_on_disk(&path, &s).unwrap());
        assert!(!changed_on_disk_strict(&path, &s).unwrap());
    }

    #[test]
    fn a_stamp_of_the_bytes_equals_a_stamp_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, "Xã An Lãm").unwrap();
        let from_file = stamp(&path).unwrap();
        let from_bytes = DiskStamp::of_bytes("Xã An Lãm".as_bytes(), None);
        assert!(from_file.same_content(&from_bytes));
    }

    #[test]
    fn new_content_of_the_same_length_is_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, "aaaa").unwrap();
        let s = stamp(&path).unwrap();
        fs::write(&path, "bbbb").unwrap();
        assert!(changed_on_disk_strict(&path, &s).unwrap());
        // Pretend the modification time moved even where the file system is coarse.
        let mut old = s.clone();
        old.modified = None;
        assert!(changed_on_disk(&path, &old).unwrap());
    }

    #[test]
    fn a_new_time_with_the_same_bytes_is_not_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, "same").unwrap();
        let mut s = stamp(&path).unwrap();
        s.modified = Some(SystemTime::UNIX_EPOCH);
        assert!(!changed_on_disk(&path, &s).unwrap());
    }

    #[test]
    fn a_different_length_is_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, "short").unwrap();
        let s = stamp(&path).unwrap();
        fs::write(&path, "longer now").unwrap();
        assert!(changed_on_disk(&path, &s).unwrap());
    }

    #[test]
    fn a_deleted_file_is_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, "x").unwrap();
        let s = stamp(&path).unwrap();
        fs::remove_file(&path).unwrap();
        assert!(changed_on_disk(&path, &s).unwrap());
        assert!(changed_on_disk_strict(&path, &s).unwrap());
    }

    #[test]
    fn a_folder_in_place_of_the_file_is_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, "x").unwrap();
        let s = stamp(&path).unwrap();
        fs::remove_file(&path).unwrap();
        fs::create_dir(&path).unwrap();
        assert!(changed_on_disk(&path, &s).unwrap());
    }
}
