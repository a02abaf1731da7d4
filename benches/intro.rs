//! Who can introduce me: 30,000 people, 1,000,000 interactions and 100,000 links.
//!
//! `cargo bench --bench intro`. The database is the model benchmark's, with random `knows`
//! links added (once, into `target/tmp/bench-data/`) until there are 100,000.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use tiesdesk::Config;
use tiesdesk::insight::intro::find_intros;
use tiesdesk::model::date::parse_iso_date;
use tiesdesk::ops::{Desk, intro_report};

#[path = "support/mod.rs"]
mod support;
use support::{TODAY, linked_database, run_tiesdesk};

fn intro(c: &mut Criterion) {
    let db = linked_database();
    let desk = Desk::open(&db, Config::default(), parse_iso_date(TODAY).unwrap()).unwrap();
    let people = desk.people().unwrap();
    let network = desk.network().unwrap();
    let graph = desk.link_graph(&network).unwrap();
    assert!(graph.links() >= 95_000, "{} links", graph.links());
    // The company with the most people, and someone in the middle of the list.
    let mut companies = std::collections::HashMap::new();
    for person in &people {
        if let Some(company) = &person.data.company {
            *companies.entry(company.clone()).or_insert(0) += 1;
        }
    }
    let (company, _) = companies
        .into_iter()
        .max_by_key(|(name, n)| (*n, name.clone()))
        .unwrap();
    let person = people[people.len() / 2..]
        .iter()
        .find(|p| !p.data.archived)
        .map(|p| format!("#{}", p.id))
        .unwrap();
    let members: Vec<usize> = people
        .iter()
        .enumerate()
        .filter(|(_, p)| p.data.company.as_deref() == Some(company.as_str()))
        .map(|(i, _)| i)
        .collect();

    let mut group = c.benchmark_group("intro 30k people, 100k links");
    group.sample_size(20);
    group.bench_function("paths to a company (graph in memory)", |b| {
        b.iter(|| find_intros(&graph, &network, &members, 100))
    });
    group.bench_function(
        "`intro` to a company, report with names (app: all in memory)",
        |b| b.iter(|| intro_report(&people, &network, &graph, &company).unwrap()),
    );
    group.bench_function(
        "`intro` to a person, report with names (app: all in memory)",
        |b| b.iter(|| intro_report(&people, &network, &graph, &person).unwrap()),
    );
    group.bench_function("build the link graph from SQLite", |b| {
        b.iter(|| desk.link_graph(&network).unwrap())
    });
    group.bench_function("`tiesdesk intro COMPANY` end to end (process)", |b| {
        b.iter(|| run_tiesdesk(&db, &["intro", &company]))
    });
    group.finish();
}

criterion_group!(benches, intro);
criterion_main!(benches);
