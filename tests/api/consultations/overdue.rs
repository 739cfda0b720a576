//! An overdue synthesis told once: the sweep after the due day records an event on the
//! consultation and e-mails its agency's head and officers — once, even with two processes
//! sweeping at the same moment.

use chrono::TimeDelta;

use super::{cast, published};
use crate::helpers::{ManualClock, spawn_app_with_clock};
use crate::petitions::NOW;

#[actix_web::test]
async fn the_agency_is_told_once_when_its_synthesis_becomes_overdue_even_by_two_processes_sweeping() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let cast = cast(&app).await;
    let path = published(&app, &cast).await;
    let sweep = |context: pakn::service::Context, pool: pakn::db::DbPool| {
        move || pakn::service::consultations::sweep::sweep(&mut pool.get().unwrap(), &context).unwrap()
    };

    // Closed on 25 December; the synthesis is due 30 days later, by 24 January.
    clock.advance(TimeDelta::days(30 + 29));
    assert_eq!(sweep(app.context.clone(), app.pool.clone())(), 0, "not overdue on its due day");
    clock.advance(TimeDelta::days(2));
    let (first, second) = (
        std::thread::spawn(sweep(app.context.clone(), app.pool.clone())),
        std::thread::spawn(sweep(app.context.clone(), app.pool.clone())),
    );
    assert_eq!(first.join().unwrap() + second.join().unwrap(), 1, "two processes flag it once");
    assert_eq!(sweep(app.context.clone(), app.pool.clone())(), 0, "and later sweeps not again");

    let needle = "Nguyễn Sinh Cung";
    for staff in [&cast.head, &cast.officer] {
        let told = app.mailbox.wait_for_text(&staff.email, needle, 1).await;
        assert!(told[0].text().contains("25/12/2026") && told[0].text().contains("24/01/2027"), "{}", told[0].text());
    }
    assert!(app.mailbox.messages_to(&cast.officer_elsewhere.email).iter().all(|m| !m.text().contains(needle)));
    let id = pakn::domain::ids::ConsultationId::parse(path.rsplit('/').next().unwrap()).unwrap();
    let subject = pakn::domain::events::Subject::Consultation(&id);
    let events = app.with_connection(|c| pakn::db::events::of_subject(c, subject)).expect("events");
    assert_eq!(events.iter().filter(|e| e.kind.as_str() == "consultation.synthesis_overdue").count(), 1);
    let queued = app.with_connection(|c| {
        use diesel::prelude::*;
        use pakn::db::schema::outbox_emails;
        outbox_emails::table
            .filter(outbox_emails::to_address.eq(&cast.head.email))
            .filter(outbox_emails::subject.like("%tổng hợp%").or(outbox_emails::subject.like("%synthesis%")))
            .count()
            .get_result::<i64>(c)
            .unwrap()
    });
    assert_eq!(queued, 1, "one e-mail to the head");
}
