//! The conversation on a petition between its petitioner and the handling agency, with notes only
//! staff read.

use chrono::NaiveDateTime;

use crate::domain::ids::{MessageId, PetitionId, UserId};

crate::text_enum! {
    /// Which side wrote: a message names its side, never the petitioner in person.
    pub enum Sender {
        Petitioner => "petitioner",
        Agency => "agency",
    }
}

crate::text_enum! {
    /// Why it was written.
    pub enum MessagePurpose {
        Message => "message",
        /// The agency asks the petitioner for information (a workflow step).
        InformationRequest => "information_request",
        /// The record of a dialogue session (a workflow step).
        DialogueRecord => "dialogue_record",
        /// What the petitioner withdrew of their complaint or denunciation (a workflow step).
        PartialWithdrawal => "partial_withdrawal",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: MessageId,
    pub petition_id: PetitionId,
    /// Its place in the petition's conversation, from 1.
    pub seq: i32,
    pub author_id: Option<UserId>,
    pub sender: Sender,
    pub purpose: MessagePurpose,
    pub body: String,
    /// A staff note: never shown to the petitioner or the public.
    pub internal: bool,
    pub created_at: NaiveDateTime,
}
