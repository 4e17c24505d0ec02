//! The engine alone, without reading or printing: analysis and every rule
//! over a generated page file. `cargo bench --bench engine`.

use bilint::linter::{Linter, Registry, Selection};
use bilint::SourceText;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus() -> String {
    let generator = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench/gen_corpus.py");
    let out = std::process::Command::new("python3")
        .args([generator, "--format", "txt", "--mb", "2", "--seed", "42"])
        .output()
        .expect("python3 and the shared corpus generator");
    String::from_utf8(out.stdout).expect("the generator writes UTF-8")
}

fn engine(c: &mut Criterion) {
    let text = corpus();
    let linter = Linter::new(
        Registry::new(bilint::packs::default_packs().unwrap()),
        &Selection::default(),
    );
    let src = SourceText::new(text.clone());
    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("analysis", |b| b.iter(|| bilint::document::Analysis::new(&src)));
    group.bench_function("check", |b| b.iter(|| linter.check(&src)));
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
