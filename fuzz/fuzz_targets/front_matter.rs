//! Any bytes as a page or a section index: parsed, or refused with located
//! problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for problem in wijzer::load::file_problems("kaders/pagina.md", data) {
        // Rendering the diagnostic must work for any location in any text.
        let _ = problem.to_string();
    }
    let _ = wijzer::load::file_problems("kaders/_index.md", data);
});
