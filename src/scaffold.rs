//! New: a small, complete site to start from (`wijzer new DIR`): settings,
//! a page of every type, a questionnaire and a README for authors, in
//! Dutch. The files are compiled in from `scaffold/`.

use std::path::Path;

use crate::error::{Error, Result};

macro_rules! files {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../scaffold/", $path)))),*]
    };
}

/// Every file of a new site, by path inside it.
const FILES: &[(&str, &str)] = files!(
    "site.yaml",
    "README.md",
    "_index.md",
    "over-deze-site.md",
    "model/_index.md",
    "model/voorbeeldmodel.md",
    "kaders/_index.md",
    "kaders/voorbeeldkader.md",
    "methoden/_index.md",
    "methoden/voorbeeldmethode.md",
    "dilemmas/_index.md",
    "dilemmas/voorbeelddilemma.md",
    "begrippen/_index.md",
    "begrippen/voorbeeldbegrip.md",
    "bronnen/_index.md",
    "bronnen/voorbeeldbron.md",
    "leerroutes/_index.md",
    "leerroutes/eerste-les.md",
    "zelfevaluaties/_index.md",
    "zelfevaluaties/voorbeeld.yaml",
);

/// Writes a new site into `dir`, which must be missing or empty. Returns
/// the number of files written.
pub fn create(dir: &Path) -> Result<usize> {
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if occupied || dir.is_file() {
        return Err(Error::io(
            "refusing to write a new site into",
            dir,
            std::io::Error::other("it exists and is not empty; choose a new folder"),
        ));
    }
    for (path, text) in FILES {
        let file = dir.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("cannot create", parent, e))?;
        }
        std::fs::write(&file, text).map_err(|e| Error::io("cannot write", &file, e))?;
    }
    Ok(FILES.len())
}
