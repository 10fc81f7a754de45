Feature: Forming an export consortium
  As the agency officer, I form a consortium of a region's firms of one sector, step by
  step: the proposal, the prospects, introductory meetings, the capability map, seed
  funding, a manager, rules, the formal establishment and a full-service offer that
  buyers can see. A step that breaks the programme's rules is refused with a reason I
  can read, and leaves the record as it was.

  Scenario: The officer proposes a consortium for a sector and region
    When the officer proposes the "metal" consortium "Santander Global Metal" for NACE "25" in region "ES-CB"
    Then "Santander Global Metal" is proposed by SODERCAN in Cantabria for NACE 25
    And its programme cap is EUR 700,000.00

  Scenario: Prospects meet each other at an introductory meeting
    Given the metal consortium is proposed
    And the companies "Aceros Besaya", "Talleres Pas" and "Naval Solares" are registered
    When the officer identifies "Aceros Besaya", "Talleres Pas" and "Naval Solares" as prospects
    Then the consortium has 3 prospects, each invited to join
    When the officer plans an introductory meeting on 2025-03-20 about "Why export together"
    And the meeting is held with "Aceros Besaya" and "Talleres Pas" attending
    Then the meeting is recorded with 2 attendees
    And "Aceros Besaya" has attended 1 meeting
    And "Naval Solares" has attended 0 meetings

  Scenario: The capability map shows what the consortium cannot yet deliver
    Given the metal consortium is proposed
    And these prospects have declared their stages:
      | company       | stages                   |
      | Aceros Besaya | design and engineering   |
      | Talleres Pas  | manufacturing, logistics |
    When the officer maps the capabilities
    Then the gaps are installation and maintenance
    And manufacturing is covered by "Talleres Pas"

  Scenario: Seed funding is granted and disbursed within the grant
    Given the metal consortium is proposed
    When the officer grants EUR 500,000 of seed funding
    And the officer disburses EUR 120,000 for "legal establishment and a first year's office"
    And the officer disburses EUR 380,000 for "international marketing"
    Then the consortium has EUR 500,000.00 granted and EUR 500,000.00 disbursed

  Scenario: A manager, rules and three members establish the consortium, which publishes its offer
    Given the metal consortium is proposed
    And these prospects have declared their stages:
      | company       | stages                     |
      | Aceros Besaya | design and engineering     |
      | Talleres Pas  | manufacturing              |
      | Naval Solares | logistics and installation |
    When the officer appoints "Ana Ruiz" with the e-mail "ana.ruiz@example.com" as manager
    And the consortium adopts rules with a 5-day response deadline and annual fees of EUR 2,400 standard and EUR 3,600 founding
    And "Aceros Besaya", "Talleres Pas" and "Naval Solares" join with a signed member agreement
    And the officer establishes the consortium
    Then the consortium is established on 2025-03-03
    And its manager "Ana Ruiz" is kept in the personal-data vault, not in its history
    When the manager publishes the offer of design, engineering, manufacturing, logistics and installation
    Then buyers see an offer of design, engineering, manufacturing, logistics and installation

  Scenario: A suspended consortium takes a pause and is reactivated
    Given the metal consortium is established with 3 members
    When the officer suspends the consortium because "the manager resigned"
    Then the consortium is suspended
    When the officer reactivates the consortium
    Then the consortium is established

  Scenario: A dissolved consortium is closed for good
    Given the metal consortium is established with 3 members
    When the officer dissolves the consortium because "the members chose to part ways"
    Then the consortium is dissolved

  Rule: A proposal names a valid short name, a region, a NACE sector and a programme cap

    Scenario Outline: A proposal with a wrong detail is refused
      When the officer proposes the "<slug>" consortium "<name>" for NACE "<nace>" in region "<region>"
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | slug     | name          | nace | region | refusal          | message                                                                         |
        | Metal 2! | Global Metal  | 25   | ES-CB  | invalid input    | 'Metal 2!' is not a valid short name: use lower-case letters, digits and dashes |
        | metal    |               | 25   | ES-CB  | invalid input    | the consortium's name cannot be empty                                           |
        | metal    | Global Metal  | 2X   | ES-CB  | an unknown sector | '2X' is not a NACE Rev. 2 division or class                                    |
        | metal    | Global Metal  | 25   | ES-ZZ  | an unknown region | 'ES-ZZ' is not an ISO 3166-2 region code                                       |

    Scenario: A proposal without a sector is refused
      When the officer proposes the "metal" consortium without naming its sector
      Then the request is refused as invalid input, saying "a consortium needs a NACE sector"
      And nothing is recorded

    Scenario: A programme cap of nothing is refused
      When the officer proposes the "metal" consortium with a programme cap of EUR 0
      Then the request is refused as an invalid amount of money, saying "the programme cap must be above zero"
      And nothing is recorded

    Scenario: A programme cap above the agency programme's is refused
      When the officer proposes the "metal" consortium with a programme cap of EUR 900,000
      Then the request is refused as a cap above the programme's, saying "a consortium's cap of EUR 900,000.00 would pass the programme cap of EUR 700,000.00"
      And nothing is recorded

    Scenario: A short name is used once
      Given the metal consortium is proposed
      When the officer proposes the "metal" consortium "Metal Two" for NACE "25" in region "ES-CB"
      Then the request is refused as invalid input, saying "the short name 'metal' is already taken"
      And nothing is recorded

  Rule: A company is registered once, with a sensible profile

    Scenario: A tax id is registered once
      Given the company "Aceros Besaya" is registered
      When the officer registers "Aceros Besaya Dos" with the tax id of "Aceros Besaya"
      Then the request is refused as invalid input, saying "a company with tax id ESA0000001 is registered"
      And nothing is recorded

    Scenario Outline: A company profile with a wrong detail is refused
      When the officer registers "Aceros Besaya" with <employees> employees and the website "<website>"
      Then the request is refused as invalid input, saying "<message>"
      And nothing is recorded

      Examples:
        | employees | website                   | message                                                |
        | 0         | https://acerosbesaya.es   | the number of employees must be a whole number from 1 |
        | 40        | www.acerosbesaya.es       | a website address starts with https://                 |

  Rule: Each company is a prospect once, and only prospects attend meetings

    Scenario: A company is identified as a prospect once
      Given the metal consortium is proposed
      And "Aceros Besaya", "Talleres Pas" and "Naval Solares" are prospects of the metal consortium
      When the officer identifies "Aceros Besaya" as a prospect
      Then the request is refused as a known prospect, saying "this company is already a prospect"
      And nothing is recorded

    Scenario: Only a registered company can be a prospect
      Given the metal consortium is proposed
      When the officer identifies a company that was never registered as a prospect
      Then the request is refused as an unknown record, saying "there is no company with id"
      And nothing is recorded

    Scenario: A prospect comes with a note on its export potential
      Given the metal consortium is proposed
      And the company "Forjas del Norte" is registered
      When the officer identifies "Forjas del Norte" as a prospect without a note on its export potential
      Then the request is refused as invalid input, saying "the note on export potential cannot be empty"
      And nothing is recorded

    Scenario Outline: A meeting is planned for a date, with a topic
      Given the metal consortium is proposed
      When the officer plans an introductory meeting on <on> about "<topic>"
      Then the request is refused as invalid input, saying "<message>"
      And nothing is recorded

      Examples:
        | on         | topic               | message                             |
        | 2025-03-20 |                     | the meeting's topic cannot be empty |
        | next week  | Why export together | a meeting needs a date              |

    Scenario: Only a planned meeting can be held
      Given the metal consortium is proposed
      And "Aceros Besaya", "Talleres Pas" and "Naval Solares" are prospects of the metal consortium
      When the officer records a meeting that was never planned as held with "Aceros Besaya" attending
      Then the request is refused as an unknown meeting, saying "there is no such planned meeting"
      And nothing is recorded

    Scenario: A meeting is held once
      Given the metal consortium is proposed
      And "Aceros Besaya", "Talleres Pas" and "Naval Solares" are prospects of the metal consortium
      And an introductory meeting was held with "Aceros Besaya" attending
      When the meeting is held with "Talleres Pas" attending
      Then the request is refused as a meeting already held, saying "this meeting has already been recorded as held"
      And nothing is recorded

    Scenario: Only prospects attend the consortium's meetings
      Given the metal consortium is proposed
      And "Aceros Besaya", "Talleres Pas" and "Naval Solares" are prospects of the metal consortium
      And the company "Forjas del Norte" is registered
      And an introductory meeting is planned
      When the meeting is held with "Aceros Besaya" and "Forjas del Norte" attending
      Then the request is refused as a stranger at the meeting, saying "only prospects of this consortium can attend its meetings"
      And nothing is recorded

  Rule: Seed funding never passes the programme cap, and disbursements never pass the grant

    Scenario Outline: A grant beyond the cap, or of a wrong amount, is refused
      Given the metal consortium is proposed
      And the consortium has been granted EUR 500,000 of seed funding
      When the officer grants <amount> of seed funding
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | amount          | refusal                          | message                                                                                           |
        | EUR 200,000.01  | a grant beyond the programme cap | the grant would pass the programme cap of EUR 700,000.00; at most EUR 200,000.00 can still be granted |
        | EUR 0           | an invalid amount of money       | the amount must be above zero                                                                     |
        | USD 10,000      | a currency mismatch              | seed funding is accounted in EUR, not USD                                                         |
        | EUR -10,000     | an invalid amount of money       | an amount of money cannot be negative (-10000)                                                    |
        | EUR 10.005      | an invalid amount of money       | 10.005 EUR has more decimals than EUR allows                                                      |
        | ECU 10,000      | an unknown currency              | 'ECU' is not an ISO 4217 currency code                                                            |

    Scenario Outline: A disbursement beyond the grant, or without a purpose, is refused
      Given the metal consortium is proposed
      And the consortium has been granted EUR 500,000 of seed funding
      And EUR 120,000 of it has been disbursed
      When the officer disburses <amount> for "<purpose>"
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | amount         | purpose                 | refusal                         | message                                                                              |
        | EUR 380,000.01 | international marketing | a disbursement beyond the grant | disbursing EUR 380,000.01 would exceed the grant of EUR 500,000.00; EUR 380,000.00 remains |
        | EUR 10,000     |                         | invalid input                   | the purpose cannot be empty                                                          |

  Rule: A manager and rules are appointed and adopted in good form

    Scenario: A manager needs a working e-mail address
      Given the metal consortium is proposed
      When the officer appoints "Ana Ruiz" with the e-mail "ana.ruiz-at-example.com" as manager
      Then the request is refused as invalid input, saying "'ana.ruiz-at-example.com' is not an e-mail address"
      And nothing is recorded

    Scenario Outline: Rules outside the programme's bounds are refused
      Given the metal consortium is proposed
      When the consortium adopts rules with the <setting> set to <value>
      Then the request is refused as invalid rules, saying "<message>"
      And nothing is recorded

      Examples:
        | setting                 | value                                    | message                                                    |
        | quote response deadline | 0 working days                           | the quote response deadline must be 1 to 60 working days   |
        | quote response deadline | 61 working days                          | the quote response deadline must be 1 to 60 working days   |
        | fee schedule            | nothing                                  | the fee schedule needs at least one member tier            |
        | fee schedule            | EUR 2,400 standard and USD 3,600 founding | all fees of a schedule are in one currency                 |
        | fee schedule            | EUR 0 standard                           | the fee of tier 'standard' must be above zero              |
        | success fee             | 30 percent                               | the success fee must be between 0 and 25 percent           |
        | work-share rule         | first come, first served                 | the work-share rule must be one of proportional, equal, negotiated |
        | decision quorum         | 40 percent                               | the decision quorum must be between 50 and 100 percent     |
        | grace period            | 400 days                                 | the grace period must be 0 to 365 days                     |

  Rule: A consortium is established once, with a manager, rules and at least three members

    Scenario: Establishing before anything is in place is refused with all that is missing
      Given the metal consortium is proposed
      When the officer establishes the consortium
      Then the request is refused as an incomplete establishment, saying "Metal Export Consortium can be established once a manager is appointed, rules are adopted, at least 3 members have joined"
      And nothing is recorded

    Scenario: Establishing with two members is refused
      Given the metal consortium is proposed
      And "Aceros Besaya" and "Talleres Pas" are prospects of the metal consortium
      And a manager is appointed and rules are adopted
      And "Aceros Besaya" and "Talleres Pas" have joined with a signed member agreement
      When the officer establishes the consortium
      Then the request is refused as an incomplete establishment, saying "Metal Export Consortium can be established once at least 3 members have joined"
      And nothing is recorded

    Scenario: A consortium is established once
      Given the metal consortium is established with 3 members
      When the officer establishes the consortium
      Then the request is refused as a consortium step out of turn, saying "Metal Export Consortium is already established"
      And nothing is recorded

  Rule: An offer is published only by an established consortium, and names its stages

    Scenario: An offer names only the stages its joined members cover
      Given the metal consortium is established with 3 members but has published no offer
      When the manager publishes the offer of design and maintenance
      Then the request is refused as a stage no joined member covers, saying "the offer cannot include maintenance: no joined member covers it"
      And nothing is recorded

    Scenario: A consortium in formation cannot publish an offer
      Given the metal consortium is proposed
      When the manager publishes the offer of design and manufacturing
      Then the request is refused as a consortium not yet established, saying "an offer is published only by an established consortium"
      And nothing is recorded

    Scenario: A suspended consortium cannot publish an offer
      Given the metal consortium is established with 3 members
      And the consortium is suspended because "the manager resigned"
      When the manager publishes the offer of design and manufacturing
      Then the request is refused as a consortium not yet established, saying "an offer is published only by an established consortium"
      And nothing is recorded

    Scenario Outline: An offer with wrong stages or no summary is refused
      Given the metal consortium is established with 3 members but has published no offer
      When the manager publishes the offer of <stages> with the summary "<summary>"
      Then the request is refused as <refusal>, saying "<message>"
      And nothing is recorded

      Examples:
        | stages                 | summary              | refusal          | message                                                                                     |
        | no stage               | Steel structures     | invalid input    | an offer covers at least one stage                                                          |
        | design and welding     | Steel structures     | an unknown stage | 'welding' is not a stage; stages are design, engineering, manufacturing, logistics, installation, maintenance |
        | design                 |                      | invalid input    | the offer cannot be empty                                                                   |

  Rule: Only an established consortium is suspended, and only a suspended one reactivated

    Scenario Outline: Suspending or reactivating out of turn is refused
      Given a metal consortium that is <state>
      When the officer <action>
      Then the request is refused as a consortium step out of turn, saying "<message>"
      And nothing is recorded

      Examples:
        | state       | action                                           | message                                                 |
        | proposed    | suspends the consortium because "a pause"        | only an established, active consortium can be suspended |
        | suspended   | suspends the consortium because "a second pause" | only an established, active consortium can be suspended |
        | established | reactivates the consortium                       | Metal Export Consortium is not suspended                |
        | proposed    | reactivates the consortium                       | Metal Export Consortium is not suspended                |

    Scenario: A suspension gives its reason
      Given the metal consortium is established with 3 members
      When the officer suspends the consortium because ""
      Then the request is refused as invalid input, saying "the reason cannot be empty"
      And nothing is recorded

  Rule: A dissolved consortium takes no further step

    Scenario Outline: Every step after dissolution is refused
      Given the metal consortium is established with 3 members
      And the consortium is dissolved because "the members chose to part ways"
      And the company "Forjas del Norte" is registered
      When the officer <action>
      Then the request is refused as a dissolved consortium, saying "Metal Export Consortium has been dissolved"
      And nothing is recorded

      Examples:
        | action                                                                          |
        | identifies "Forjas del Norte" as a prospect                                     |
        | plans an introductory meeting on 2025-04-01 about "A fresh start"               |
        | maps the capabilities                                                           |
        | grants EUR 1,000 of seed funding                                                |
        | disburses EUR 1,000 for "a farewell dinner"                                     |
        | appoints "Luis Gómez" with the e-mail "luis.gomez@example.com" as manager       |
        | adopts the model rules                                                          |
        | publishes the offer of design and manufacturing                                 |
        | suspends the consortium because "a pause"                                       |
        | reactivates the consortium                                                      |
        | dissolves the consortium because "twice is once too many"                       |
