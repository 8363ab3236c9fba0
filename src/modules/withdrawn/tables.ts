import type { Generated, Selectable } from 'kysely';

/** How an offer stands: open for claims; confirmed (the offering library decided the claims and arranged pick-up); closed (what was left was discarded). */
export const offerStatuses = ['open', 'confirmed', 'closed'] as const;
export type OfferStatus = (typeof offerStatuses)[number];

/** The condition of a withdrawn item, as the offering library states it. */
export const itemConditions = ['good', 'worn', 'damaged'] as const;
export type ItemCondition = (typeof itemConditions)[number];

/** A claim's life: waiting for the decision; granted (some or all copies) or refused; collected (passed on); cancelled by the claimer. */
export const claimStatuses = ['waiting', 'granted', 'refused', 'collected', 'cancelled'] as const;
export type ClaimStatus = (typeof claimStatuses)[number];

/** One library's list of withdrawn items offered to others. */
export interface WithdrawnOfferTable {
  id: Generated<number>;
  library_id: string;
  /** The offering library's region when the offer was made (the account per area). */
  region_id: string;
  title: string;
  /** Where and when the copies may be collected. */
  pickup_place: string;
  note: string | null;
  /** The offer window, as dates (YYYY-MM-DD). */
  opens_on: string;
  closes_on: string;
  status: OfferStatus;
  /** What the offering library arranged for the pick-up when it confirmed. */
  pickup_note: string | null;
  is_demo: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One title of an offer, with its number of copies; from the catalog (entry_id set) or typed/CSV. */
export interface WithdrawnItemTable {
  id: Generated<number>;
  offer_id: number;
  position: number;
  entry_id: number | null;
  /** The offering library's source record of the entry (a claimed copy is added from it). */
  record_id: number | null;
  control_number: string | null;
  barcode: string | null;
  title: string;
  author: string | null;
  year: number | null;
  isbn: string | null;
  condition: ItemCondition;
  copies: number;
  /** For local-studies material: the municipality it describes (its library gets priority). */
  place_municipality_id: string | null;
  /** Copies nobody took, discarded when the offer closed. */
  discarded: Generated<number>;
}

/** A library's (or a partner's) claim of copies of one item. */
export interface WithdrawnClaimTable {
  id: Generated<number>;
  offer_id: number;
  item_id: number;
  claimer_kind: 'library' | 'partner';
  claimer_library_id: string | null;
  /** The library's name, or the partner institution's. */
  claimer_name: string;
  claimer_user_id: number | null;
  quantity: number;
  /** The priority tier (1 first; priority.ts) the claim had when it was made. */
  tier: number;
  status: ClaimStatus;
  /** Copies granted when the offer was confirmed. */
  granted: Generated<number>;
  claimed_at: string;
  decided_at: string | null;
  collected_at: string | null;
  /** When the copies were added to the claimer's catalog holdings by one click. */
  holding_added_at: string | null;
}

declare module '../../db/schema.js' {
  interface Database {
    withdrawn_offers: WithdrawnOfferTable;
    withdrawn_items: WithdrawnItemTable;
    withdrawn_claims: WithdrawnClaimTable;
  }
}

export type WithdrawnOffer = Selectable<WithdrawnOfferTable>;
export type WithdrawnItem = Selectable<WithdrawnItemTable>;
export type WithdrawnClaim = Selectable<WithdrawnClaimTable>;
