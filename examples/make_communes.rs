//! Writes a folder of communes' project files for the aggregation benchmarks: the
//! bundled sample with another commune name, other quarter-II values (rates at most
//! 100%, counts unbounded) and task states,
//! some indicator names written in capitals or with the old tone placement, each file
//! padded to about 60 KB; one file in 50 is broken (cut short), one in 40 is of
//! quarter I only. Deterministic: the same N gives the same files.
//!
//! `cargo run --release --example make_communes -- DIR N`

use std::path::PathBuf;

use baocao::model::{Period, PeriodKind, TaskState, Value};

const FAMILY: [&str; 12] = [
    "An", "Bình", "Cát", "Đông", "Hải", "Hòa", "Kiến", "Lê", "Minh", "Quang", "Tân", "Vĩnh",
];
const PLACE: [&str; 10] = [
    "Lợi", "Thành", "Hưng", "Phú", "Sơn", "Thủy", "Xuân", "Đằng", "Lạc", "Trung",
];

/// A small deterministic generator (no randomness in benchmarks' inputs).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A whole number the Vietnamese way: `1.846`.
fn fmt(x: f64) -> String {
    baocao::vi::format_number(x, 0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: make_communes DIR N")?);
    let n: usize = args.next().ok_or("usage: make_communes DIR N")?.parse()?;
    std::fs::create_dir_all(&dir)?;
    let sample = baocao::storage::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/mau-binh-minh-hai.ron"
    )))?;
    let q2 = Period::new(2026, PeriodKind::Quarter(2));
    for i in 0..n {
        let mut p = sample.clone();
        let mut rng = Lcg(i as u64 + 1);
        let kind = if i % 3 == 0 { "phường" } else { "xã" };
        let name = format!(
            "{} {} {}",
            FAMILY[i % FAMILY.len()],
            PLACE[(i / FAMILY.len()) % PLACE.len()],
            i / (FAMILY.len() * PLACE.len()) + 1
        );
        p.organisation.full_name = format!("Ủy ban nhân dân {kind} {name}");
        p.organisation.short_name = format!("UBND {kind} {name}");
        let percent_ids: Vec<String> = p
            .plan
            .indicators
            .iter()
            .filter(|ind| ind.unit.trim() == "%")
            .map(|ind| ind.id.clone())
            .collect();
        let rec = p.period_record_mut(q2);
        for (id, v) in rec.indicators.iter_mut() {
            let percent = percent_ids.contains(id);
            if let Some(Value::Number(x)) = &mut v.value {
                *x *= 0.6 + 0.5 * rng.next();
                // Only a rate is bounded by 100; a count (lượt người) is not.
                if percent {
                    *x = (x.min(100.0) * 10.0).round() / 10.0;
                } else {
                    // A count is whole: people, initiatives, products.
                    *x = x.round();
                }
                if percent {
                    // A rate's numerator and denominator in the evidence, as communes
                    // write them (`486/924 giao dịch`), for the city's recomputed rate.
                    let den = 200.0 + (rng.next() * 1000.0).round();
                    let num = (*x * den / 100.0).round();
                    *x = (num / den * 1000.0).round() / 10.0;
                    v.evidence = format!("{}/{} trường hợp", fmt(num), fmt(den));
                }
            }
            if rng.next() < 0.08 {
                v.value = None;
            }
            // Padding: longer evidence notes, as real files have.
            v.evidence = format!(
                "{} — {}",
                v.evidence,
                "Số liệu tổng hợp từ báo cáo của các thôn, tổ dân phố. ".repeat(2)
            );
        }
        for (_, t) in rec.tasks.iter_mut() {
            t.state = match (rng.next() * 4.0) as u32 {
                0 => TaskState::NotStarted,
                1 | 2 => TaskState::InProgress,
                _ => TaskState::Done,
            };
        }
        if i % 2 == 1 {
            for ind in &mut p.plan.indicators {
                ind.name = ind.name.replace("hóa", "hoá").replace("Tỷ lệ", "TỶ LỆ");
            }
        }
        if i % 40 == 39 {
            p.reports[0].period = Period::new(2026, PeriodKind::Quarter(1));
        }
        let mut text = baocao::storage::to_string(&p)?;
        if i % 50 == 49 {
            let mut cut = text.len() / 2;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
        }
        std::fs::write(dir.join(format!("xa-{i:05}.ron")), text)?;
    }
    Ok(())
}
