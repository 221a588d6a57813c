//! Medical image I/O (PNG, JPEG, DICOM), display rendering and the knee-radiograph phantom generator.
