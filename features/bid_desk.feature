Feature: The manager's bid desk
  As the manager of an export consortium, I answer each RFQ before its response deadline.
  On my desk I see the RFQs with the nearest deadline first. I take one on or decline it,
  ask the members who declared each stage for their price, and watch their commitments
  arrive. I send the buyer one quote for the full service: the sum of the members'
  contributions, converted with the exchange rates I keep, plus our management margin.
  When the buyer accepts, I record the award with each member's work share, then the
  delivered milestones and the completion. I act only on my own consortium's RFQs.

  Background:
    Given the metal consortium is established with 3 members
    And I am signed in to the bid desk as the manager of the metal consortium

  Scenario: One full-service quote from three members, then the award and the work shares
    Given "Naviera del Sur" from Chile asked for a quote for manufacturing
    And a day later "Astillero del Golfo" from Mexico asked for a quote for design, engineering, manufacturing, logistics and installation
    When I open the bid desk
    Then the RFQs are listed by response deadline: "Naviera del Sur", then "Astillero del Golfo"
    When I qualify the RFQ of "Astillero del Golfo" because "Hull blocks are our trade"
    And I ask every member who declared one of its stages for a price, due in 3 days
    Then "Metal Firm 1", "Metal Firm 2" and "Metal Firm 3" are asked for 5 stages in all
    When the members commit their contributions:
      | member       | stage         | price       | lead time |
      | Metal Firm 1 | design        | EUR 20,000  | 20        |
      | Metal Firm 1 | engineering   | EUR 30,000  | 30        |
      | Metal Firm 2 | manufacturing | USD 270,000 | 90        |
      | Metal Firm 3 | logistics     | EUR 40,000  | 21        |
      | Metal Firm 3 | installation  | EUR 60,000  | 30        |
    Then the contributions on my open page show 5 of 5 stages covered, without a reload
    When I open the quote with a margin of 10%
    Then I am told that no rate is kept for USD/EUR
    When I set the rate of 1 USD to 0.92 EUR
    And I open the quote with a margin of 10%
    Then the quote adds up to €398,400.00 of contributions and €39,840.00 of margin: €438,240.00
    When I submit the quote, valid for 45 days, with a lead time of 120 days
    Then the buyer has a quote of EUR 438,240.00 covering every stage with 3 members, sent within the response deadline
    When the buyer accepts the quote
    And I open the award
    Then the work shares proposed are in proportion to the contributions:
      | member       | share     |
      | Metal Firm 1 | 55000.00  |
      | Metal Firm 2 | 273240.00 |
      | Metal Firm 3 | 110000.00 |
    When I record the award "C-2025-031" with "Metal Firm 3" given 109999.99
    Then I am refused: "The work shares add up to €438,239.99, not the contract value €438,240.00."
    And the desk has recorded nothing
    When I record the award "C-2025-031" with the proposed work shares
    Then the contract of EUR 438,240.00 is awarded, and "Metal Firm 2" has a work share of EUR 273,240.00
    When I record the milestone "Hull blocks delivered to Veracruz" for logistics
    And I complete the contract
    Then the RFQ is completed, with 1 milestone delivered

  Scenario: I decline an RFQ we cannot serve, with a reason the buyer reads
    Given "Astillero del Golfo" from Mexico asked for a quote for design and installation
    When I decline the RFQ of "Astillero del Golfo" because "The delivery date is out of our reach"
    Then the RFQ is declined, and the desk no longer waits on it

  Scenario: A form I left open while another manager acted is refused, not lost
    Given "Astillero del Golfo" from Mexico asked for a quote for design and installation
    And I have the RFQ of "Astillero del Golfo" open
    When another manager qualifies it meanwhile
    And I decline it from the page I had open, because "Too far"
    Then I am refused: "This changed since you opened the page; reload and try again."
    And the desk has recorded nothing

  Scenario: Another consortium's RFQ is not mine to see or act on
    Given the marine consortium is also established with 3 members
    And "Puerto Frío" from Norway asked the marine consortium for a quote for manufacturing
    When I try to qualify the RFQ of "Puerto Frío"
    Then I am refused: "This RFQ belongs to a consortium you do not manage"
    And the desk has recorded nothing
    And "Puerto Frío" is not on my desk
