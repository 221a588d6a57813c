//! Reader-study statistics: ROC, DeLong, Obuchowski–Rockette and DBM MRMC analysis. No web, no database.
