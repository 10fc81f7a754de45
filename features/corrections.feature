Feature: Correcting what was recorded
  The history is permanent, and auditors trust it. A wrong entry is never edited: the
  person whose role records it corrects it with a new entry that names the one it
  corrects and says why. The screens show the corrected figures; the auditor sees the
  original, the correction and who made each.

  Background:
    Given the auditor is signed in

  Scenario: An officer corrects a seed-funding grant typed wrongly
    Given the metal consortium is proposed
    And the officer granted EUR 250 of seed funding on the formation screen, meaning EUR 250,000
    When the officer corrects that grant to EUR 250,000 because "typed 250.000 in Spanish"
    Then the formation screen shows EUR 250,000.00 granted
    And the ledger shows the grant of EUR 250.00 corrected to EUR 250,000.00 because "typed 250.000 in Spanish"
    When the auditor opens the metal consortium's history
    Then the auditor sees the grant and its correction, each recorded by the officer
    And the correction names the grant it corrects and says "typed 250.000 in Spanish"

  Scenario: An officer corrects a meeting's attendance
    Given the metal consortium is proposed
    And "Aceros Besaya" is invited to join the metal consortium
    And "Talleres Pas" is invited to join the metal consortium
    And the officer recorded today's introductory meeting as held with "Aceros Besaya" attending
    When the officer corrects the meeting's attendance to "Aceros Besaya" and "Talleres Pas" because "Talleres Pas signed the sheet late"
    Then the meeting shows 2 attendees: Aceros Besaya, Talleres Pas
    And "Talleres Pas" has attended 1 meeting
    And the meeting shows it was first recorded with Aceros Besaya alone
    When the auditor opens the metal consortium's history
    Then the auditor sees the meeting held and its attendance corrected, each recorded by the officer

  Scenario: A manager revises a quote before the buyer answers
    Given the manager of the metal consortium has quoted EUR 440,000 for a buyer's full-service request
    When the manager revises the quote to EUR 425,000 because "steel prices fell"
    Then the buyer's tracking page shows EUR 425,000.00, not EUR 440,000.00
    And the desk shows both quotes, the revised one saying "steel prices fell"
    When the auditor opens the bid's history
    Then the auditor sees the quote and its revision, each recorded by the manager
    And the revision names the quote it replaces and says "steel prices fell"
    When the buyer accepts the quote
    Then the manager can no longer revise it
