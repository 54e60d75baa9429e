//! Any bytes as a questionnaire: parsed and validated, or refused with
//! located problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for problem in wijzer::load::file_problems("zelfevaluaties/vragenlijst.yaml", data) {
        let _ = problem.to_string();
    }
});
