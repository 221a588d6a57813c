//! Property tests that feed hostile input to every parser of outside data (issue 14): the
//! manifest CSV, the zip import and DICOM decoding. Whatever the bytes, the answer is a result
//! (accepted, or refused with a message saying why), never a panic.
//!
//! The runs are deterministic (fixed seed, no persistence file) and bounded so the whole binary
//! stays well under 30 s in a debug build. A failing input found here is kept as a named
//! regression test next to the property that found it.

mod common;
mod dicom;
mod manifest;
mod zip;
