//! The case importer (`imaging::import`): manifest folders, zips, BTXRD folders and the real
//! DICOM fixtures, good and bad.

mod btxrd;
mod common;
mod dicom;
mod folder;
mod zip;
