Feature: Membership of a consortium
  As a member company, I decide whether to join, declare what I can do, take on roles,
  endorse the peers I have worked with and pay my fees. As the manager, I assess the
  fees and look after each member's standing. Every step stays in the history, so the
  group can see how it came to trust itself. A step that breaks the consortium's rules
  is refused with a reason I can read, and leaves the record as it was.

  Background:
    Given the metal consortium is established with 3 members

  Scenario: A prospect attends a meeting, declares its capabilities and joins
    Given "Naval Solares" is invited to join the metal consortium
    When "Naval Solares" attends an introductory meeting
    And "Naval Solares" declares the stages installation and maintenance with a capacity of "2 offshore crews"
    And "Naval Solares" joins in the "founding" tier with the signed agreement "MA-2025-NS.pdf"
    Then "Naval Solares" is an active member in the "founding" tier since 2025-03-03
    And "Naval Solares" has declared installation and maintenance
    And the history of "Naval Solares" reads: invited, attended a meeting, declared its capabilities, joined

  Scenario: A prospect declines the invitation
    Given "Naval Solares" is invited to join the metal consortium
    When "Naval Solares" declines because "no capacity for export this year"
    Then "Naval Solares" has declined

  Scenario: Members take on roles and endorse each other
    When the manager makes "Metal Firm 1" treasurer
    And the manager makes "Metal Firm 1" spokesperson
    And "Metal Firm 2" endorses "Metal Firm 1" for "on-time design drawings for the Veracruz blocks"
    And "Metal Firm 3" endorses "Metal Firm 1" for "a clear engineering hand-over"
    Then "Metal Firm 1" holds the roles treasurer and spokesperson
    And "Metal Firm 1" is endorsed by "Metal Firm 2" and "Metal Firm 3"

  Scenario: Assessing the year's fees twice assesses them once
    Given "Naval Solares" is invited to join the metal consortium
    When the manager assesses the 2025 annual fees, due on 2025-03-31
    Then 3 new fees are assessed
    And "Metal Firm 1" owes EUR 2,400.00 for 2025, due on 2025-03-31
    And "Naval Solares" owes nothing
    When the manager assesses the 2025 annual fees, due on 2025-03-31
    Then no new fee is assessed, and no record changes

  Scenario: A fee is paid after a failed card payment, and partly refunded
    Given the 2025 annual fees are assessed, due on 2025-03-31
    When the card payment of "Metal Firm 1" for 2025 fails because "card declined"
    Then the 2025 fee of "Metal Firm 1" is failed
    When "Metal Firm 1" pays EUR 2,400 for 2025 with the reference "pi_3Pq1"
    Then the 2025 fee of "Metal Firm 1" is paid
    When the manager refunds EUR 400 of the 2025 fee of "Metal Firm 1" with the reference "re_1Xy"
    Then the 2025 fee of "Metal Firm 1" is refunded
    And EUR 400.00 of the 2025 fee of "Metal Firm 1" is refunded

  Scenario: A member in arrears is suspended, and reinstated once it pays
    Given the 2025 annual fees are assessed, due on 2025-03-31
    And "Metal Firm 2" and "Metal Firm 3" have paid their 2025 fee
    When 60 days pass
    And the manager suspends "Metal Firm 1" for arrears
    Then "Metal Firm 1" is suspended for arrears
    And "Metal Firm 2" is an active member
    When "Metal Firm 1" pays EUR 2,400 for 2025 with the reference "pi_late"
    Then "Metal Firm 1" is an active member again
    And the history of "Metal Firm 1" ends: suspended for arrears, paid a fee, reinstated

  Scenario: A member with two overdue fees stays suspended until both are paid
    Given the 2024 annual fees are assessed, due on 2025-03-10
    And the 2025 annual fees are assessed, due on 2025-03-31
    And 90 days have passed
    And the manager has suspended "Metal Firm 1" for arrears
    When "Metal Firm 1" pays EUR 2,400 for 2024 with the reference "pi_2024"
    Then "Metal Firm 1" is suspended for arrears
    When "Metal Firm 1" pays EUR 2,400 for 2025 with the reference "pi_2025"
    Then "Metal Firm 1" is an active member again

  Scenario: A member leaves the consortium
    When "Metal Firm 3" leaves because "retiring from export"
    Then "Metal Firm 3" has left

  Rule: A prospect decides once, to join or to decline

    Scenario Outline: Deciding a second time is refused
      Given "Naval Solares" is invited to join the metal consortium
      And "Naval Solares" has <first>
      When "Naval Solares" <second>
      Then the request is refused as a decision already made, saying "this company has already <status>"
      And nothing is recorded

      Examples:
        | first    | second                                                            | status   |
        | joined   | joins in the "standard" tier with the signed agreement "MA-2.pdf" | joined   |
        | joined   | declines because "we changed our mind"                            | joined   |
        | declined | joins in the "standard" tier with the signed agreement "MA-2.pdf" | declined |
        | declined | declines because "still no capacity"                              | declined |
        | left     | joins in the "standard" tier with the signed agreement "MA-3.pdf" | left     |

    Scenario: Nobody joins a dissolved consortium
      Given "Naval Solares" is invited to join the metal consortium
      And the consortium is dissolved because "the members chose to part ways"
      When "Naval Solares" joins in the "standard" tier with the signed agreement "MA-2025-NS.pdf"
      Then the request is refused as a dissolved consortium, saying "Metal Export Consortium has been dissolved"
      And nothing is recorded

    Scenario Outline: Joining needs a signed agreement and a tier of the fee schedule
      Given "Naval Solares" is invited to join the metal consortium
      When "Naval Solares" joins in the "<tier>" tier with the signed agreement "<agreement>"
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | tier     | agreement      | refusal       | message                                                     |
        | gold     | MA-2025-NS.pdf | invalid rules | there is no member tier 'gold' (tiers: standard, founding) |
        | standard |                | invalid input | the signed agreement's reference cannot be empty            |

  Rule: Capabilities are stages of the value chain, declared by prospects and members

    Scenario Outline: A declaration with a wrong detail is refused
      Given "Naval Solares" is invited to join the metal consortium
      When "Naval Solares" declares the stages <stages> with the certification "<certification>" expiring "<expiry>"
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | stages                  | certification | expiry     | refusal          | message                                                                                          |
        | no stage                | ISO 9001      | 2030-01-01 | invalid input    | declare at least one value-chain stage                                                           |
        | installation and diving | ISO 9001      | 2030-01-01 | an unknown stage | 'diving' is not a stage; stages are design, engineering, manufacturing, logistics, installation, maintenance |
        | installation            | ISO 9001      | next year  | invalid input    | a certification's expiry must be a date                                                          |
        | installation            |               | 2030-01-01 | invalid input    | a certification cannot be empty                                                                  |

    Scenario Outline: A company that declined or left declares nothing
      Given "Naval Solares" is invited to join the metal consortium
      And "Naval Solares" has <decision>
      When "Naval Solares" declares the stages installation with a capacity of "2 offshore crews"
      Then the request is refused as not an active member, saying "a company that declined or left declares nothing"
      And nothing is recorded

      Examples:
        | decision |
        | declined |
        | left     |

  Rule: Roles go to active members, each role once

    Scenario Outline: A role that cannot be given is refused
      Given "Naval Solares" is invited to join the metal consortium
      And the manager has made "Metal Firm 1" treasurer
      And "Metal Firm 2" has been suspended for arrears
      When the manager makes "<member>" <role>
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | member        | role      | refusal              | message                                                                                   |
        | Metal Firm 1  | chairman  | invalid input        | 'chairman' is not a role; roles are board member, treasurer, technical lead, stage lead, spokesperson |
        | Metal Firm 1  | treasurer | invalid input        | this member is already treasurer                                                          |
        | Naval Solares | treasurer | not an active member | this company is not a member; only active members can do that                             |
        | Metal Firm 2  | treasurer | not an active member | this company is suspended for arrears; only active members can do that                    |

    Scenario: A role goes only to a membership on record
      When the manager makes a membership that does not exist treasurer
      Then the request is refused as an unknown record, saying "there is no membership with id"
      And nothing is recorded

  Rule: Active members endorse members of their own consortium, each peer once, never themselves

    Scenario Outline: An endorsement that cannot be given is refused
      Given "Naval Solares" is invited to join the metal consortium
      And "Metal Firm 2" has endorsed "Metal Firm 1"
      And "Metal Firm 3" has been suspended for arrears
      When "<endorser>" endorses "<endorsed>" for "<note>"
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | endorser      | endorsed      | note           | refusal                    | message                                                                |
        | Metal Firm 1  | Metal Firm 1  | my own work    | an endorsement not allowed | a member cannot endorse itself                                         |
        | Metal Firm 2  | Metal Firm 1  | again, thanks  | an endorsement not allowed | this peer has already endorsed this member                             |
        | Metal Firm 1  | Naval Solares | a good meeting | an endorsement not allowed | only members can be endorsed                                           |
        | Metal Firm 3  | Metal Firm 1  | good welding   | not an active member       | this company is suspended for arrears; only active members can do that |
        | Naval Solares | Metal Firm 1  | a good meeting | not an active member       | this company is not a member; only active members can do that          |
        | Metal Firm 1  | Metal Firm 3  |                | invalid input              | the endorsement cannot be empty                                        |

    Scenario: A member of another consortium does not endorse
      Given the marine consortium is also established with 3 members
      When "Marine Firm 1" endorses "Metal Firm 1" for "a joint tender"
      Then the request is refused as an endorsement not allowed, saying "members endorse peers of their own consortium"
      And nothing is recorded

  Rule: Only a member leaves, and says why

    Scenario Outline: Leaving that cannot happen is refused
      Given "Naval Solares" is invited to join the metal consortium
      And "Metal Firm 3" has left
      When "<member>" leaves because "<reason>"
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | member        | reason            | refusal              | message                    |
        | Naval Solares | changed our mind  | not an active member | only a member can leave    |
        | Metal Firm 3  | leaving twice     | not an active member | only a member can leave    |
        | Metal Firm 2  |                   | invalid input        | the reason cannot be empty |

  Rule: Fees are assessed under adopted rules, paid once in full, and refunded up to what was paid

    Scenario: Fees are not assessed before the consortium adopts rules
      Given the marine consortium is proposed
      When the manager assesses the 2025 annual fees, due on 2025-03-31
      Then the request is refused as a consortium step out of turn, saying "adopt rules with a fee schedule before assessing fees"
      And nothing is recorded

    Scenario Outline: A payment, failure or refund that does not fit the fee is refused
      Given the 2025 annual fees are assessed, due on 2025-03-31
      And "Metal Firm 1" has paid its 2025 fee
      When <request>
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | request                                                                                  | refusal                     | message                                              |
        | "Metal Firm 1" pays EUR 2,400 for 2025 with the reference "pi_again"                     | a fee already paid          | the fee annual-2025 is already paid                  |
        | "Metal Firm 2" pays EUR 2,000 for 2025 with the reference "pi_short"                     | the wrong fee amount        | the fee annual-2025 is EUR 2,400.00, not EUR 2,000.00 |
        | "Metal Firm 2" pays USD 2,400 for 2025 with the reference "pi_usd"                       | the wrong fee amount        | the fee annual-2025 is EUR 2,400.00, not USD 2,400.00 |
        | "Metal Firm 2" pays EUR 2,400 for 2024 with the reference "pi_2024"                      | an unknown fee              | there is no fee 'annual-2024' on this membership     |
        | "Metal Firm 2" pays EUR 2,400 for 2025 with the reference ""                             | invalid input               | the payment reference cannot be empty                |
        | "Metal Firm 2" pays EUR -2,400 for 2025 with the reference "pi_neg"                      | an invalid amount of money  | an amount of money cannot be negative (-2400)        |
        | the card payment of "Metal Firm 1" for 2025 fails because "card declined"                | a fee already paid          | the fee annual-2025 is already paid                  |
        | the card payment of "Metal Firm 2" for 2024 fails because "card declined"                | an unknown fee              | there is no fee 'annual-2024' on this membership     |
        | the manager refunds EUR 400 of the 2025 fee of "Metal Firm 2" with the reference "re_1"  | a fee not paid              | the fee annual-2025 has not been paid                |
        | the manager refunds EUR 2,400.01 of the 2025 fee of "Metal Firm 1" with the reference "re_2" | a refund beyond the payment | at most EUR 2,400.00 of the fee annual-2025 can be refunded |
        | the manager refunds EUR 0 of the 2025 fee of "Metal Firm 1" with the reference "re_3"    | an invalid amount of money  | a refund must be above zero                          |
        | the manager refunds USD 400 of the 2025 fee of "Metal Firm 1" with the reference "re_4"  | a currency mismatch         | cannot combine EUR with USD without a conversion     |

    Scenario: Refunds never add up to more than was paid
      Given the 2025 annual fees are assessed, due on 2025-03-31
      And "Metal Firm 1" has paid its 2025 fee
      And the manager has refunded EUR 2,000 of the 2025 fee of "Metal Firm 1"
      When the manager refunds EUR 400.01 of the 2025 fee of "Metal Firm 1" with the reference "re_5"
      Then the request is refused as a refund beyond the payment, saying "at most EUR 400.00 of the fee annual-2025 can be refunded"
      And nothing is recorded

  Rule: Only an active member in arrears past the grace period is suspended, and only a suspended member reinstated

    Scenario: A member within the grace period is not suspended
      Given the 2025 annual fees are assessed, due on 2025-03-31
      And 40 days have passed
      When the manager suspends "Metal Firm 1" for arrears
      Then the request is refused as no arrears, saying "this member has no fee overdue past the grace period"
      And nothing is recorded

    Scenario Outline: Suspending someone who is not an active member is refused
      Given "Naval Solares" is invited to join the metal consortium
      And "Metal Firm 2" has been suspended for arrears
      When the manager suspends "<member>" for arrears
      Then the request is refused as not an active member, saying "<message>"
      And nothing is recorded

      Examples:
        | member        | message                                                                 |
        | Metal Firm 2  | this company is suspended for arrears; only active members can do that |
        | Naval Solares | this company is not a member; only active members can do that          |

    Scenario: Rules that do not suspend for arrears are respected
      Given the consortium has adopted rules that do not suspend members for arrears
      And the 2025 annual fees are assessed, due on 2025-03-31
      And 90 days have passed
      When the manager suspends "Metal Firm 1" for arrears
      Then the request is refused as a consortium step out of turn, saying "the consortium's rules do not suspend members for arrears"
      And nothing is recorded

    Scenario: A member in good standing is not reinstated
      When the manager reinstates "Metal Firm 1"
      Then the request is refused as a member not suspended, saying "this member is not suspended"
      And nothing is recorded

    Scenario: A suspended member with fees still overdue is not reinstated
      Given "Metal Firm 2" has been suspended for arrears
      When the manager reinstates "Metal Firm 2"
      Then the request is refused as a fee not paid, saying "this member still has overdue fees to pay"
      And nothing is recorded
