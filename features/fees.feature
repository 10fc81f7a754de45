Feature: Membership fees, paid by card
  As the consortium's manager, I assess each year's fees from the rules we adopted: the
  annual fee of each member's tier, and a success fee on each member's share of the work
  we win. As a member, I pay my fee by card on Stripe's page. A fee left unpaid earns
  reminders, and once the grace period is over the member is suspended and cannot price
  requests until it pays. After every step, the fee ledger says to the cent what the
  members' history says.

  Background:
    Given the metal consortium is established with 3 members

  Scenario: The operator assesses next year's fees from the command line, once
    When the operator runs "consortia fees assess --period 2027 --due-on 2027-01-31"
    Then the command says "Assessed 3 new fees for 2027 (3 annual, 0 success) in 1 consortia"
    And "Metal Firm 1" owes EUR 2,400.00 for its 2027 annual fee, due on 2027-01-31
    When the operator runs "consortia fees assess --period 2027 --due-on 2027-01-31"
    Then the command says "Assessed 0 new fees for 2027 (0 annual, 0 success) in 1 consortia"

  Scenario: The manager assesses a year on screen, with the success fees of its awards
    Given a contract was awarded with work shares of EUR 80,000, EUR 260,000 and EUR 100,000
    When the manager assesses the 2025 fees on the fee screen, due on 2025-04-30
    Then the fee screen says "Assessed 3 annual fees and 3 success fees for 2025."
    And "Metal Firm 2" owes a success fee of EUR 3,900.00 for 2025
    When the manager assesses the 2025 fees on the fee screen, due on 2025-04-30
    Then the fee screen says "nothing new"

  Scenario: A manager of another consortium cannot assess our fees
    Given the marine consortium is also established with 3 members
    When the manager of the marine consortium tries to assess the 2025 fees of the metal consortium
    Then the fee screen refuses, saying "a consortium you do not manage"
    And no fee is assessed

  Scenario: A member pays its fee by card
    Given the 2025 annual fees are assessed, due on 2025-03-31
    When "Metal Firm 1" clicks Pay for its 2025 annual fee
    And pays on the Stripe payment page
    Then Stripe's webhook has recorded a payment of EUR 2,400.00 for "Metal Firm 1"
    And the return page of "Metal Firm 1" says the fee is paid, with a receipt

  Scenario: A declined card leaves the fee owed
    Given the 2025 annual fees are assessed, due on 2025-03-31
    When "Metal Firm 1" clicks Pay for its 2025 annual fee
    And declines on the Stripe payment page
    Then the 2025 annual fee of "Metal Firm 1" is marked as failed, and nothing is paid
    And the return page of "Metal Firm 1" says the payment failed

  Scenario: A payment refunded in part
    Given the 2025 annual fees are assessed, due on 2025-03-31
    And "Metal Firm 1" has paid its 2025 annual fee by card
    When EUR 400.00 of that payment is refunded through Stripe
    Then the 2025 annual fee of "Metal Firm 1" shows EUR 400.00 refunded

  Scenario: A fee left unpaid earns reminders, then suspension
    Given the 2025 annual fees are assessed, due on 2025-03-03
    And "Metal Firm 2" has paid its 2025 annual fee by card
    And "Metal Firm 1" has been asked to price design on a new request
    When the arrears job runs 1 day after the due date
    Then "Metal Firm 1" has had 1 reminder about its 2025 annual fee
    And "Metal Firm 2" has had no reminder
    When the arrears job runs 14 days after the due date
    And the arrears job runs 14 days after the due date
    Then "Metal Firm 1" has had 2 reminders about its 2025 annual fee
    When the arrears job runs 31 days after the due date
    Then "Metal Firm 1" has had 3 reminders about its 2025 annual fee, the last one final
    And "Metal Firm 1" is suspended for arrears
    And "Metal Firm 2" is an active member
    When "Metal Firm 1" commits its price for design
    Then the request is refused as not an active member, saying "suspended for arrears"

  Scenario: Paying the arrears by card reinstates the member
    Given the 2025 annual fees are assessed, due on 2025-03-03
    And the arrears job has run 31 days after the due date
    And "Metal Firm 1" is suspended for arrears
    When "Metal Firm 1" clicks Pay for its 2025 annual fee
    And pays on the Stripe payment page
    Then Stripe's webhook has recorded a payment of EUR 2,400.00 for "Metal Firm 1"
    And "Metal Firm 1" is an active member
    And the history of "Metal Firm 1" ends with the fee paid and the member reinstated, by the stripe webhook
