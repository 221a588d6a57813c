//! Words of the results: the covariance method of the Obuchowski–Rockette analysis and the
//! downloads a study's results come in.

use crate::word::word;

word!(
    /// How the case-sampling covariance of the figures of merit is estimated (jackknife,
    /// DeLong's placements, or unbiased U-statistics).
    #[derive(Default)]
    Covariance, "covariance method" {
        #[default]
        Jackknife => "jackknife", "report-covariance-jackknife",
        DeLong => "delong", "report-covariance-delong",
        Unbiased => "unbiased", "report-covariance-unbiased",
    }
);

word!(
    /// One download of a study's results; its text form is the file part of the download route
    /// and of `lector export --what W --format F` (`W.F`).
    ExportKind, "export" {
        TablesXlsx => "tables.xlsx", "report-export-xlsx",
        TablesCsv => "tables.csv", "report-export-csv",
        TablesZip => "tables.zip", "report-export-zip",
        TablesMarkdown => "tables.md", "report-export-markdown",
        TablesLatex => "tables.tex", "report-export-latex",
        ReportHtml => "report.html", "report-export-html",
        ReadsCsv => "reads.csv", "report-export-reads",
        ReadsImrmc => "reads.imrmc", "report-export-imrmc",
        RjafrocXlsx => "rjafroc.xlsx", "report-export-rjafroc",
        /// Localization studies: truth.csv and marks.csv for `lector analyze --marks`.
        MarksZip => "marks.zip", "report-export-marks",
        AuditCsv => "audit.csv", "report-export-audit",
        /// The methods paragraph with its references, for the paper.
        MethodsText => "methods.txt", "report-export-methods",
        /// Every figure as SVG and as a 300-dpi PNG.
        FiguresZip => "figures.zip", "report-export-figures",
    }
);

impl ExportKind {
    /// The media type it is served as.
    pub fn content_type(self) -> &'static str {
        match self {
            ExportKind::TablesXlsx | ExportKind::RjafrocXlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            ExportKind::TablesCsv | ExportKind::ReadsCsv | ExportKind::AuditCsv => {
                "text/csv; charset=utf-8"
            }
            ExportKind::TablesZip | ExportKind::MarksZip | ExportKind::FiguresZip => {
                "application/zip"
            }
            ExportKind::TablesMarkdown => "text/markdown; charset=utf-8",
            ExportKind::TablesLatex => "application/x-tex; charset=utf-8",
            ExportKind::ReportHtml => "text/html; charset=utf-8",
            ExportKind::ReadsImrmc | ExportKind::MethodsText => "text/plain; charset=utf-8",
        }
    }
}
