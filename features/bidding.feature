Feature: Bidding for an export contract
  As an overseas buyer, I ask a consortium for one quote covering several stages of the
  value chain. As the manager, I take the RFQ on or decline it, ask the members who
  declared each stage for their price, and send the buyer one quote for the full service
  once every stage is covered. As a member, I commit my part or withdraw it. When the
  buyer accepts, the manager records the award with each member's work share, then the
  milestones and the completion. A step that breaks the rules is refused with a reason
  I can read, and leaves the record as it was.

  Background:
    Given the metal consortium is established with 3 members

  Scenario: From a buyer's RFQ to a completed contract
    When a buyer from Mexico asks for a quote for design, engineering, manufacturing, logistics and installation, CIF Veracruz, in EUR, needed by 2025-04-02
    Then the RFQ awaits triage, to be answered by 2025-03-10
    And the buyer's contact is kept in the personal-data vault, not in the RFQ's history
    When the manager qualifies the RFQ
    And the manager asks each member to price the stages it declared, by 2025-03-06
    And the members commit their contributions:
      | member       | stage         | price       | lead time |
      | Metal Firm 1 | design        | EUR 20,000  | 20        |
      | Metal Firm 1 | engineering   | EUR 30,000  | 30        |
      | Metal Firm 2 | manufacturing | EUR 250,000 | 90        |
      | Metal Firm 3 | logistics     | EUR 40,000  | 21        |
      | Metal Firm 3 | installation  | EUR 60,000  | 30        |
    And the manager submits a quote of EUR 440,000 valid for 45 days with a lead time of 120 days
    Then the buyer has a quote of EUR 440,000.00, valid until 2025-04-17, sent within the response deadline
    When the buyer accepts the quote
    And the manager records the award "C-2025-017" of EUR 440,000 with the work shares:
      | member       | share       |
      | Metal Firm 1 | EUR 50,000  |
      | Metal Firm 2 | EUR 250,000 |
      | Metal Firm 3 | EUR 140,000 |
    Then the contract of EUR 440,000.00 is awarded, and "Metal Firm 2" has a work share of EUR 250,000.00
    When the manager records the milestone "Hull blocks delivered to Veracruz" for logistics
    And the manager records the milestone "Hull blocks installed" for installation
    And the manager completes the contract
    Then the RFQ is completed, with 2 milestones delivered

  Scenario: A quote waits until a withdrawn stage is covered again
    Given a buyer has asked for a quote for logistics and installation
    And the RFQ is qualified
    And "Metal Firm 3" has committed its price for logistics and installation
    When "Metal Firm 3" withdraws its installation contribution because "the crew is booked elsewhere"
    And the manager submits a quote of EUR 100,000 valid for 30 days with a lead time of 60 days
    Then the quote is refused because stage 'installation' has no committed contribution
    And nothing is recorded
    When "Metal Firm 3" commits EUR 65,000 for installation with a lead time of 45 days
    And the manager submits a quote of EUR 105,000 valid for 30 days with a lead time of 60 days
    Then the buyer has a quote of EUR 105,000.00, valid until 2025-04-02, sent within the response deadline

  Scenario: A quote sent after the response deadline is recorded as late
    Given a buyer has asked for a quote
    And the RFQ is qualified
    And every stage has a committed contribution
    When 8 days pass
    And the manager submits a quote of EUR 440,000 valid for 45 days with a lead time of 120 days
    Then the buyer has a quote of EUR 440,000.00, valid until 2025-04-25, sent after the response deadline

  Scenario: The manager declines an RFQ the consortium cannot serve
    Given a buyer has asked for a quote
    When the manager declines the RFQ because "the delivery date is out of our reach"
    Then the RFQ is declined

  Scenario: The buyer declines the quote
    Given a quote has been sent to the buyer
    When the buyer declines the quote because "a local yard offered a shorter lead time"
    Then the RFQ is rejected

  Scenario: A quote past its validity can no longer be accepted, and is closed as expired
    Given a quote has been sent to the buyer
    When 46 days pass
    And the buyer accepts the quote
    Then the request is refused as an expired quote, saying "the quote expired on 2025-04-17"
    And nothing is recorded
    When the manager closes the quote as expired
    Then the RFQ is expired

  Rule: A buyer asks a consortium that offers every stage requested, with a complete RFQ

    Scenario Outline: An RFQ with a wrong detail is refused, and the buyer's contact is not kept
      When a buyer asks for a quote with the <detail> "<value>"
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | detail          | value               | refusal             | message                                                                                                 |
        | stages          | maintenance         | a stage not offered | Metal Export Consortium does not offer maintenance                                                      |
        | stages          | design and painting | an unknown stage    | 'painting' is not a stage; stages are design, engineering, manufacturing, logistics, installation, maintenance |
        | stages          | no stage            | an invalid RFQ      | choose at least one stage of the value chain                                                            |
        | quantity        | 0                   | an invalid RFQ      | the quantity must be a number above zero                                                                |
        | quantity        | four                | an invalid RFQ      | 'four' is not a quantity                                                                                |
        | quote deadline  | 2025-03-03          | an invalid RFQ      | the date the quote is needed by must be in the future                                                   |
        | wanted delivery | 2025-03-20          | an invalid RFQ      | the delivery date cannot come before the quote is needed                                                |
        | country         | XX                  | an unknown country  | 'XX' is not an ISO 3166-1 alpha-2 country code                                                          |
        | Incoterm        | FOX                 | an unknown Incoterm | 'FOX' is not an Incoterms 2020 rule (EXW, FCA, CPT, CIP, DAP, DPU, DDP, FAS, FOB, CFR, CIF)             |
        | named place     |                     | an unknown Incoterm | CIF needs a named place, e.g. 'CIF Veracruz'                                                            |
        | currency        | EURO                | an unknown currency | 'EURO' is not an ISO 4217 currency code                                                                 |
        | organisation    |                     | invalid input       | the buyer's organisation cannot be empty                                                                |
        | specification   |                     | invalid input       | the specification cannot be empty                                                                       |
        | unit            |                     | invalid input       | the unit cannot be empty                                                                                |
        | contact e-mail  | lucia.acero-mx      | invalid input       | 'lucia.acero-mx' is not an e-mail address                                                               |
        | contact name    |                     | invalid input       | the name cannot be empty                                                                                |

    Scenario: A consortium that has not published its offer takes no RFQ
      Given the marine consortium is established with 3 members but has published no offer
      When a buyer asks for a quote with the stages "manufacturing"
      Then the request is refused as no published offer, saying "Marine Export Consortium is not taking requests for quotation"
      And nothing is recorded

    Scenario: A suspended consortium takes no RFQ
      Given the consortium is suspended because "the manager resigned"
      When a buyer asks for a quote with the stages "manufacturing"
      Then the request is refused as no published offer, saying "Metal Export Consortium is not taking requests for quotation"
      And nothing is recorded

    Scenario: A dissolved consortium takes no RFQ
      Given the consortium is dissolved because "the members chose to part ways"
      When a buyer asks for a quote with the stages "manufacturing"
      Then the request is refused as a dissolved consortium, saying "Metal Export Consortium has been dissolved"
      And nothing is recorded

    Scenario: Only a consortium on record takes RFQs
      When a buyer asks a consortium that does not exist for a quote
      Then the request is refused as an unknown record, saying "there is no consortium with id"
      And nothing is recorded

  Rule: Each step of a bid comes in its turn

    Scenario Outline: A step out of turn is refused
      Given a buyer has asked for a quote
      And the RFQ is <state>
      When <request>
      Then the request is refused as a bid step out of turn, saying "<message>"
      And nothing is recorded

      Examples: Triage
        | state     | request                                                      | message                                 |
        | qualified | the manager qualifies the RFQ                                | cannot qualify it: the RFQ is qualified |
        | declined  | the manager qualifies the RFQ                                | cannot qualify it: the RFQ is declined  |
        | declined  | the manager declines the RFQ because "still out of reach"    | cannot decline it: the RFQ is declined  |
        | quoted    | the manager declines the RFQ because "too late to say no"    | cannot decline it: the RFQ is quoted    |

      Examples: Contributions
        | state     | request                                                                          | message                                            |
        | requested | the manager asks "Metal Firm 2" to price manufacturing by 2025-03-06             | cannot request contributions: the RFQ is requested |
        | declined  | the manager asks "Metal Firm 2" to price manufacturing by 2025-03-06             | cannot request contributions: the RFQ is declined  |
        | requested | "Metal Firm 2" commits EUR 250,000 for manufacturing with a lead time of 90 days | cannot commit a contribution: the RFQ is requested |
        | quoted    | "Metal Firm 2" commits EUR 250,000 for manufacturing with a lead time of 90 days | cannot commit a contribution: the RFQ is quoted    |
        | quoted    | "Metal Firm 2" withdraws its manufacturing contribution because "too busy"       | cannot withdraw a contribution: the RFQ is quoted  |

      Examples: Quote and answer
        | state     | request                                                                                      | message                                     |
        | requested | the manager submits a quote of EUR 440,000 valid for 45 days with a lead time of 120 days   | cannot submit a quote: the RFQ is requested |
        | quoted    | the manager submits a quote of EUR 430,000 valid for 45 days with a lead time of 120 days   | cannot submit a quote: the RFQ is quoted    |
        | qualified | the buyer accepts the quote                                                                  | cannot accept the quote: the RFQ is qualified |
        | rejected  | the buyer accepts the quote                                                                  | cannot accept the quote: the RFQ is rejected  |
        | accepted  | the buyer declines the quote because "we changed our mind"                                  | cannot decline the quote: the RFQ is accepted |
        | accepted  | the manager closes the quote as expired                                                      | cannot expire the quote: the RFQ is accepted  |
        | quoted    | the manager closes the quote as expired                                                      | the quote is valid until 2025-04-17           |

      Examples: Contract
        | state     | request                                                                                  | message                                        |
        | quoted    | the manager records the award "C-1" of EUR 440,000 with the work shares "Metal Firm 2" EUR 440,000 | cannot record an award: the RFQ is quoted |
        | awarded   | the manager records the award "C-2" of EUR 440,000 with the work shares "Metal Firm 2" EUR 440,000 | cannot record an award: the RFQ is awarded |
        | accepted  | the manager records the milestone "Hull blocks shipped" for logistics                    | cannot deliver a milestone: the RFQ is accepted |
        | completed | the manager records the milestone "One more block" for logistics                         | cannot deliver a milestone: the RFQ is completed |
        | accepted  | the manager completes the contract                                                       | cannot complete the contract: the RFQ is accepted |
        | awarded   | the manager completes the contract                                                       | record at least one delivered milestone first |
        | completed | the manager completes the contract                                                       | cannot complete the contract: the RFQ is completed |

    Scenario: Only an RFQ on record is triaged
      When the manager qualifies an RFQ that does not exist
      Then the request is refused as an unknown record, saying "there is no RFQ with id"
      And nothing is recorded

    Scenario: A mistyped link to an RFQ is refused
      When the buyer accepts the quote of the RFQ "RFQ-12"
      Then the request is refused as an unknown record, saying "'RFQ-12' is not a valid RFQ id"
      And nothing is recorded

  Rule: The manager triages with a note, and asks for each stage the buyer wants a member who declared it

    Scenario Outline: Triage without a word is refused
      Given a buyer has asked for a quote
      When <request>
      Then the request is refused as invalid input, saying "<message>"
      And nothing is recorded

      Examples:
        | request                                 | message                     |
        | the manager qualifies the RFQ with ""   | the note cannot be empty    |
        | the manager declines the RFQ because "" | the reason cannot be empty  |

    Scenario Outline: A contribution request that does not fit is refused
      Given "Naval Solares" is invited to join the metal consortium
      And a buyer has asked for a quote for manufacturing, logistics and installation
      And the RFQ is qualified
      And the manager has asked "Metal Firm 3" to price logistics
      When the manager asks "<member>" to price <stage> by <due>
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | member        | stage         | due        | refusal              | message                                                        |
        | Metal Firm 1  | design        | 2025-03-06 | invalid input        | the buyer did not ask for design                               |
        | Metal Firm 3  | logistics     | 2025-03-06 | invalid input        | this member was already asked for logistics                    |
        | Metal Firm 3  | installation  | 2025-03-02 | invalid input        | a contribution's due date cannot be in the past                |
        | Metal Firm 1  | manufacturing | 2025-03-06 | a stage not declared | this member has not declared the stage manufacturing           |
        | Metal Firm 3  | welding       | 2025-03-06 | an unknown stage     | 'welding' is not a stage; stages are design, engineering, manufacturing, logistics, installation, maintenance |
        | Naval Solares | installation  | 2025-03-06 | not an active member | this company is not a member; only active members can do that |

    Scenario: A member suspended for arrears is not asked to contribute
      Given "Metal Firm 2" has been suspended for arrears
      And a buyer has asked for a quote
      And the RFQ is qualified
      When the manager asks "Metal Firm 2" to price manufacturing within 3 days
      Then the request is refused as not an active member, saying "this company is suspended for arrears; only active members can do that"
      And nothing is recorded

    Scenario: A member of another consortium is not asked to contribute
      Given the marine consortium is also established with 3 members
      And a buyer has asked for a quote
      And the RFQ is qualified
      When the manager asks "Marine Firm 2" to price manufacturing by 2025-03-06
      Then the request is refused as an unknown contributor, saying "this company is not a member of the bidding consortium"
      And nothing is recorded

  Rule: A suspended consortium's bids wait until it is reactivated

    Scenario: A suspended consortium does not take an RFQ on
      Given a buyer has asked for a quote
      And the consortium is suspended because "the manager resigned"
      When the manager qualifies the RFQ
      Then the request is refused as a consortium step out of turn, saying "Metal Export Consortium is suspended; its bids wait until it is reactivated"
      And nothing is recorded

    Scenario: A suspended consortium asks no member for a contribution
      Given a buyer has asked for a quote
      And the RFQ is qualified
      And the consortium is suspended because "the manager resigned"
      When the manager asks "Metal Firm 2" to price manufacturing by 2025-03-06
      Then the request is refused as a consortium step out of turn, saying "Metal Export Consortium is suspended; its bids wait until it is reactivated"
      And nothing is recorded

    Scenario: A suspended consortium sends no quote, and sends it once reactivated
      Given a buyer has asked for a quote
      And the RFQ is qualified
      And every stage has a committed contribution
      And the consortium is suspended because "the manager resigned"
      When the manager submits a quote of EUR 440,000 valid for 45 days with a lead time of 120 days
      Then the request is refused as a consortium step out of turn, saying "Metal Export Consortium is suspended; its bids wait until it is reactivated"
      And nothing is recorded
      When the officer reactivates the consortium
      And the manager submits a quote of EUR 440,000 valid for 45 days with a lead time of 120 days
      Then the buyer has a quote of EUR 440,000.00, valid until 2025-04-17, sent within the response deadline

  Rule: Only active members commit, and only what they were asked for

    Scenario: A member suspended for arrears after being asked cannot commit
      Given a buyer has asked for a quote
      And the RFQ is qualified
      And the manager has asked "Metal Firm 2" to price manufacturing
      And "Metal Firm 2" has been suspended for arrears
      When "Metal Firm 2" commits EUR 250,000 for manufacturing with a lead time of 90 days
      Then the request is refused as not an active member, saying "this company is suspended for arrears; only active members can do that"
      And nothing is recorded

    Scenario: A member who has left cannot commit
      Given a buyer has asked for a quote
      And the RFQ is qualified
      And the manager has asked "Metal Firm 2" to price manufacturing
      And "Metal Firm 2" has left
      When "Metal Firm 2" commits EUR 250,000 for manufacturing with a lead time of 90 days
      Then the request is refused as not an active member, saying "this company is not a member; only active members can do that"
      And nothing is recorded

    Scenario Outline: A commitment that does not fit is refused
      Given a buyer has asked for a quote
      And the RFQ is qualified
      And the manager has asked "Metal Firm 2" to price manufacturing
      When "<member>" commits <price> for <stage> with a lead time of <days> days
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | member       | price       | stage         | days | refusal                      | message                                              |
        | Metal Firm 3 | EUR 40,000  | logistics     | 21   | a contribution not requested | this member was not asked to contribute to logistics |
        | Metal Firm 1 | EUR 1,000   | manufacturing | 10   | a stage not declared         | this member has not declared the stage manufacturing |
        | Metal Firm 2 | EUR 0       | manufacturing | 90   | an invalid amount of money   | a contribution's price must be above zero            |
        | Metal Firm 2 | EUR -1      | manufacturing | 90   | an invalid amount of money   | an amount of money cannot be negative (-1)           |
        | Metal Firm 2 | EUR 250,000 | manufacturing | 0    | invalid input                | the lead time must be 1 to 3,650 days                |
        | Metal Firm 2 | EUR 250,000 | manufacturing | 4000 | invalid input                | the lead time must be 1 to 3,650 days                |

    Scenario Outline: Only a committed contribution is withdrawn, with a reason
      Given a buyer has asked for a quote
      And the RFQ is qualified
      And the manager has asked "Metal Firm 2" to price manufacturing
      And "Metal Firm 3" has committed its price for logistics
      When "<member>" withdraws its <stage> contribution because "<reason>"
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | member       | stage         | reason   | refusal                      | message                                       |
        | Metal Firm 2 | manufacturing | too busy | a contribution not requested | there is no committed contribution to withdraw |
        | Metal Firm 3 | logistics     |          | invalid input                | the reason cannot be empty                    |

  Rule: A quote is one price for the full service, submitted only when every stage is covered

    Scenario: A quote with a stage uncovered is refused
      Given a buyer has asked for a quote
      And the RFQ is qualified
      And every stage but installation has a committed contribution
      When the manager submits a quote of EUR 440,000 valid for 45 days with a lead time of 120 days
      Then the quote is refused because stage 'installation' has no committed contribution
      And nothing is recorded

    Scenario: A quote with several stages uncovered names them all
      Given a buyer has asked for a quote
      And the RFQ is qualified
      And "Metal Firm 1" has committed its price for design and engineering
      And "Metal Firm 2" has committed its price for manufacturing
      When the manager submits a quote of EUR 440,000 valid for 45 days with a lead time of 120 days
      Then the quote is refused because stages 'logistics' and 'installation' have no committed contribution
      And nothing is recorded

    Scenario Outline: A quote with a wrong price, validity or lead time is refused
      Given a buyer has asked for a quote
      And the RFQ is qualified
      And every stage has a committed contribution
      When the manager submits a quote of <price> valid for <days> days with a lead time of <lead> days
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | price       | days | lead | refusal                    | message                                       |
        | EUR 0       | 45   | 120  | an invalid amount of money | the quote's price must be above zero          |
        | USD 440,000 | 45   | 120  | a currency mismatch        | the buyer asked for a quote in EUR            |
        | EUR 440,000 | 0    | 120  | invalid input              | the quote must stay valid until a future date |
        | EUR 440,000 | 45   | 0    | invalid input              | the lead time must be 1 to 3,650 days         |

    Scenario: The buyer declines a quote with a reason
      Given a quote has been sent to the buyer
      When the buyer declines the quote because ""
      Then the request is refused as invalid input, saying "the reason cannot be empty"
      And nothing is recorded

  Rule: The award shares the contract among the members who contributed, and the shares add up to its value

    Scenario Outline: An award whose work shares do not fit is refused
      Given "Naval Solares" is invited to join the metal consortium
      And a buyer has asked for a quote
      And the RFQ is accepted
      When the manager records the award "<reference>" of <value> with the work shares <shares>
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | reference | value       | shares                                                                             | refusal                        | message                                                                      |
        | C-1       | EUR 440,000 | "Metal Firm 1" EUR 50,000, "Metal Firm 2" EUR 250,000 and "Metal Firm 3" EUR 130,000 | work shares that do not add up | work shares add up to EUR 430,000.00, not the contract value EUR 440,000.00 |
        | C-1       | EUR 440,000 | "Metal Firm 1" EUR 0, "Metal Firm 2" EUR 300,000 and "Metal Firm 3" EUR 140,000      | work shares that do not add up | every work share must be above zero                                         |
        | C-1       | EUR 440,000 | nobody                                                                             | work shares that do not add up | work shares add up to EUR 0.00, not the contract value EUR 440,000.00       |
        | C-1       | EUR 440,000 | "Metal Firm 1" EUR 50,000, "Metal Firm 2" EUR 250,000 and "Naval Solares" EUR 140,000 | an unknown contributor        | work shares go only to members who contributed                              |
        | C-1       | EUR 440,000 | "Metal Firm 1" EUR 50,000, "Metal Firm 2" USD 250,000 and "Metal Firm 3" EUR 140,000 | a currency mismatch           | cannot combine EUR with USD without a conversion                            |
        | C-1       | EUR 0       | "Metal Firm 2" EUR 440,000                                                         | an invalid amount of money     | the contract value must be above zero                                       |
        | C-1       | USD 440,000 | "Metal Firm 2" USD 440,000                                                         | a currency mismatch            | the contract is in EUR                                                      |
        |           | EUR 440,000 | "Metal Firm 1" EUR 50,000, "Metal Firm 2" EUR 250,000 and "Metal Firm 3" EUR 140,000 | invalid input                 | the contract reference cannot be empty                                      |

  Rule: Milestones belong to the stages of the contract

    Scenario Outline: A milestone that does not fit the contract is refused
      Given a buyer has asked for a quote
      And the RFQ is awarded
      When the manager records the milestone "<title>" for <stage>
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | title               | stage       | refusal          | message                                                                                                  |
        | Blocks serviced     | maintenance | invalid input    | the contract does not include maintenance                                                                |
        |                     | logistics   | invalid input    | the milestone cannot be empty                                                                            |
        | Blocks painted      | painting    | an unknown stage | 'painting' is not a stage; stages are design, engineering, manufacturing, logistics, installation, maintenance |
