-- How a study de-identifies the DICOM files it imports (DICOM PS3.15 Annex E): keep the patient's
-- age and sex (Retain Patient Characteristics Option), keep descriptions such as the study and
-- series description (otherwise removed), and accept images whose pixels carry burned-in
-- annotation (otherwise refused). Existing studies keep what every import did until now.
ALTER TABLE studies ADD COLUMN deid_keep_characteristics INTEGER NOT NULL DEFAULT TRUE;
ALTER TABLE studies ADD COLUMN deid_keep_descriptions INTEGER NOT NULL DEFAULT FALSE;
ALTER TABLE studies ADD COLUMN deid_accept_burned_in INTEGER NOT NULL DEFAULT FALSE;
