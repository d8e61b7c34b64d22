//! The sentence-embedding cache on disk (`<data_dir>/embeddings.cache`), so that analysis runs
//! after a restart embed only text they have not seen. Written to a temporary file and renamed,
//! so a crash mid-write leaves the previous cache; a file that cannot be read is set aside and
//! the server starts with an empty cache.

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use analysis::EmbeddingCache;

/// The cache's file in the data directory.
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join("embeddings.cache")
}

/// The cache saved at `path`, or an empty one (a missing file is normal; an unreadable one is
/// logged and renamed `.unreadable`).
pub fn load(path: &Path) -> EmbeddingCache {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return EmbeddingCache::new(),
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "cannot open the embedding cache; starting empty");
            return EmbeddingCache::new();
        }
    };
    match EmbeddingCache::read(&mut BufReader::new(file)) {
        Ok(cache) => {
            tracing::info!(path = %path.display(), vectors = cache.len(), "embedding cache loaded");
            cache
        }
        Err(e) => {
            let aside = path.with_extension("cache.unreadable");
            tracing::warn!(path = %path.display(), error = %e, aside = %aside.display(), "the embedding cache is unreadable; starting empty");
            let _ = std::fs::rename(path, aside);
            EmbeddingCache::new()
        }
    }
}

/// Saves `cache` at `path` (through a temporary file in the same directory).
pub fn save(path: &Path, cache: &EmbeddingCache) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut out = BufWriter::new(tmp.as_file_mut());
        cache.write(&mut out)?;
        out.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_unreadable_and_saved_caches() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = path(dir.path());
        assert!(load(&file).is_empty(), "no file yet");
        std::fs::write(&file, b"not a cache").expect("write");
        assert!(load(&file).is_empty(), "unreadable: empty");
        assert!(!file.exists(), "and set aside");
        assert!(file.with_extension("cache.unreadable").exists());
        save(&file, &EmbeddingCache::new()).expect("saves");
        assert!(load(&file).is_empty());
        assert!(file.exists());
    }
}
