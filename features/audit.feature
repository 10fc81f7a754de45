Feature: Auditing the history
  As an auditor for the agency, I check how public money was used without asking a
  developer. I find a bid in the event log, see it as it was before the quote, verify
  that the stored history was not altered since I last looked, and take the history
  away to check it on my own. I can read everything and change nothing.

  Background:
    Given the metal consortium quoted a buyer from Mexico, who accepted, and was awarded the contract
    And I am signed in as an auditor

  Scenario: Find a bid and see it as it was before the quote
    When I narrow the event log to the metal consortium's quote requests
    Then I find one request, from "Astillero del Golfo", sent by a buyer
    When I open the bid's history
    Then I see that the quote changed its status from "qualified" to "quoted", done by the manager
    When I look at the bid as it was just before the quote
    Then its status is "qualified" and it has no quote yet

  Scenario: Verify the history, and again later with the head I wrote down
    When I verify the history
    Then I am told the history is intact, with a head at the last position of the log
    When more happens, and I verify again with the head I wrote down
    Then I am told the history is intact, with a head at the last position of the log

  Scenario: Find that the history was altered
    Given someone changed the stored award directly in the database
    When I verify the history
    Then I am told the history was altered, first at the award's position

  Scenario: Export the history and check it on my own
    When I export the history as JSON Lines
    Then the file holds every event in order, with who caused it and its chain hash
    And the file passes the check made without the database
    When I export the bids as OCDS
    Then the package holds the bid's tender and its award
