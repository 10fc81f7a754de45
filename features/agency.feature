Feature: The agency takes a consortium from proposal to a published offer, on screen
  As an agency officer, I form an export consortium in the workspace, one screen per
  step: the proposal, the prospects, an introductory meeting, the capabilities and the
  gaps they leave, the join decisions, seed funding, the manager, the rules, the formal
  establishment and the offer. When I am done, buyers find the offer in the public
  catalog. A step the programme's rules forbid is refused on screen, and nothing is kept.

  Background:
    Given I am signed in as an agency officer
    And the companies "Aceros Besaya" and "Talleres Pas" are already registered

  Scenario: From a proposal to a published offer
    When I propose "Santander Global Metal" as "santander-metal" for NACE 25 "Fabricated metal products" in region ES-CB
    Then the list of consortia shows "Santander Global Metal" waiting to "Identify prospects"
    When I identify "Aceros Besaya" as a prospect because "Ships steel structures to Morocco"
    And I identify "Talleres Pas" as a prospect because "Machining for two shipyards"
    And I register "Naval Solares" and identify it as a prospect because "Offshore welding crews"
    Then the consortium shows 3 prospects, each invited
    When I plan an introductory meeting on 2025-03-03 about "Why export together"
    And I record the meeting as held with "Aceros Besaya" and "Naval Solares" attending
    Then the meeting shows 2 attendees: Aceros Besaya, Naval Solares
    When I record that "Aceros Besaya" declares design and engineering
    And I record that "Talleres Pas" declares manufacturing and logistics
    And I record that "Naval Solares" declares installation
    Then the heat map shows the gaps Design, Engineering, Manufacturing, Logistics and shipping, Installation, Maintenance
    When I record that "Aceros Besaya", "Talleres Pas" and "Naval Solares" join
    Then the heat map shows the gaps Maintenance
    When I grant EUR 500000 of seed funding
    And I disburse EUR 120000 for "Legal establishment and a first office"
    Then the ledger shows €500,000.00 granted, €120,000.00 disbursed and €380,000.00 remaining
    When I appoint "Ana Ruiz" with "ana.ruiz@example.com" as the manager
    And I adopt rules with a 5-day response deadline, a "standard" fee of 2400, proportional work shares and a 60% quorum
    And I establish the consortium
    And I publish the offer for design, engineering, manufacturing, logistics and installation, saying "Steel structures from design to installation"
    Then the consortium is established with its offer published
    And "Santander Global Metal" appears in the public catalog

  Scenario: The screen refuses what the programme's rules forbid, and keeps nothing
    When I propose "Santander Global Metal" as "santander-metal" for NACE 25 "Fabricated metal products" in region ES-CB
    And I grant EUR 100000 of seed funding
    And I disburse EUR 150000 for "International marketing"
    Then the screen refuses it, saying "would exceed the grant"
    And nothing more is recorded
    When I establish the consortium
    Then the screen refuses it, saying "can be established once a manager is appointed"
    And nothing more is recorded
    And "Santander Global Metal" is not in the public catalog
