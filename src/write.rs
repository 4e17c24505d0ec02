//! Writing a fixed file: atomically, keeping its permissions, and never
//! over a file that changed since it was read.

use std::fs;
use std::io::Write;
use std::path::Path;

/// Replaces the file's content with `new` through a temporary file in the
/// same folder and a rename, so the file is never left half-written. A
/// symlink is followed: its target is rewritten and the link stays a link.
/// `read` is what the file held when it was checked; if it holds anything
/// else now, nothing is written. A read-only file, or a file in a read-only
/// folder, is not written (even by root, who could).
///
/// Two bilint runs fixing one file at once: the comparison and the rename
/// happen under an exclusive lock on the file, and the comparison reads the
/// path again, so the second run sees the first one's output and refuses;
/// the file holds one complete output, never a mix and never a lost update.
pub fn write_atomic(path: &Path, read: &[u8], new: &[u8]) -> Result<(), String> {
    let target = fs::canonicalize(path).map_err(|e| format!("cannot resolve the path: {e}"))?;
    let meta = fs::metadata(&target).map_err(|e| format!("cannot read its metadata: {e}"))?;
    if !meta.is_file() {
        return Err("it is not a regular file".to_string());
    }
    if meta.permissions().readonly() {
        return Err("the file is read-only".to_string());
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    if fs::metadata(dir).is_ok_and(|m| m.permissions().readonly()) {
        return Err(format!("its folder {} is read-only", dir.display()));
    }
    let lock = fs::File::open(&target).map_err(|e| format!("cannot open it again: {e}"))?;
    // Advisory, and not available everywhere: without it, the check below
    // still catches all but a narrow race.
    let _ = lock.lock();
    let now = fs::read(&target).map_err(|e| format!("cannot read it again: {e}"))?;
    if now != read {
        return Err("the file changed on disk after it was read; run bilint again".to_string());
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".bilint-")
        .tempfile_in(dir)
        .map_err(|e| format!("cannot create a temporary file in {}: {e}", dir.display()))?;
    tmp.write_all(new)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write the temporary file: {e}"))?;
    fs::set_permissions(tmp.path(), meta.permissions()).map_err(|e| format!("cannot set permissions: {e}"))?;
    tmp.persist(&target)
        .map_err(|e| format!("cannot replace the file: {}", e.error))?;
    drop(lock);
    Ok(())
}
