//! Locale-aware formatting of dates, numbers and p-values for pages and tables.

use super::Locale;

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A calendar date given as `YYYY-MM-DD`: `27 Nov 2026` in English, `2026年11月27日` in Chinese.
/// Anything that is not such a date is returned unchanged.
pub fn date(locale: Locale, iso: &str) -> String {
    let parts: Vec<u32> = iso
        .get(..10)
        .unwrap_or(iso)
        .split('-')
        .filter_map(|p| p.parse().ok())
        .collect();
    let [year, month, day] = parts[..] else {
        return iso.to_string();
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return iso.to_string();
    }
    match locale {
        Locale::En => format!("{day} {} {year}", MONTHS_EN[month as usize - 1]),
        Locale::ZhCn => format!("{year}年{month}月{day}日"),
    }
}

/// A number with a fixed count of decimals and thousands grouped (`1,234.5`); both locales
/// group by thousands with a comma.
pub fn number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    match frac {
        Some(frac) => format!("{sign}{grouped}.{frac}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A p-value as journals print it: three decimals, or `< 0.001`.
pub fn p_value(p: f64) -> String {
    if !p.is_finite() {
        "—".to_string()
    } else if p < 0.001 {
        "< 0.001".to_string()
    } else {
        format!("{p:.3}")
    }
}

/// A duration in seconds as minutes and seconds: `2 min 05 s` / `2分05秒`.
pub fn duration(locale: Locale, seconds: f64) -> String {
    if !seconds.is_finite() || seconds < 0.0 {
        return "—".to_string();
    }
    let total = seconds.round() as u64;
    let (minutes, seconds) = (total / 60, total % 60);
    match (locale, minutes) {
        (Locale::En, 0) => format!("{seconds} s"),
        (Locale::En, _) => format!("{minutes} min {seconds:02} s"),
        (Locale::ZhCn, 0) => format!("{seconds}秒"),
        (Locale::ZhCn, _) => format!("{minutes}分{seconds:02}秒"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_each_locale() {
        assert_eq!(date(Locale::En, "2026-11-27"), "27 Nov 2026");
        assert_eq!(date(Locale::ZhCn, "2026-11-27T10:00:00Z"), "2026年11月27日");
        assert_eq!(date(Locale::En, "soon"), "soon");
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(number(1234567.891, 2), "1,234,567.89");
        assert_eq!(number(-0.5, 1), "-0.5");
        assert_eq!(number(-0.0001, 2), "0.00");
        assert_eq!(number(f64::NAN, 2), "—");
    }

    #[test]
    fn small_p_values_are_bounded() {
        assert_eq!(p_value(0.0004), "< 0.001");
        assert_eq!(p_value(0.05123), "0.051");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(Locale::En, 125.2), "2 min 05 s");
        assert_eq!(duration(Locale::ZhCn, 42.0), "42秒");
    }
}
