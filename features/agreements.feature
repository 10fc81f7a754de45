Feature: Member agreements signed in the product
  As a member user, I read our consortium's member agreement in our space and sign it
  for my company: I type my name, tick the box, and see the SHA-256 of the text I sign.
  When the rules change, the new version awaits our signature and I am told by mail.
  As the manager, I see who has signed the version in force and who has not, and I
  download each company's agreement with its signature record.

  Background:
    Given the metal consortium is established with 3 members
    And "Ines Vega" is a member user of "Metal Firm 1"

  Scenario: A member signs the agreement
    When "Ines Vega" opens the member agreement of "Metal Firm 1"
    Then the page shows the SHA-256 of version 1 of the agreement
    When she signs it as "Ines Vega", ticking the box
    Then version 1 is signed for "Metal Firm 1" by "Ines Vega" from her account
    And the PDF of version 1 holds the text, its SHA-256 and her signature

  Scenario: The rules change and the member re-accepts
    Given "Ines Vega" has signed version 1 for "Metal Firm 1"
    When the agency adopts version 2 of the rules, with quotes answered within 7 days
    Then the space of "Metal Firm 1" shows version 2 awaiting its signature
    And "Ines Vega" is mailed that version 2 awaits her signature
    When "Ines Vega" opens the member agreement of "Metal Firm 1"
    And she signs it as "Ines Vega", ticking the box
    Then version 2 is signed for "Metal Firm 1" by "Ines Vega" from her account
    And the space of "Metal Firm 1" shows nothing awaiting its signature

  Scenario: The manager sees who has not signed
    Given "Ines Vega" has signed version 1 for "Metal Firm 1"
    When the manager opens the member agreements of the metal consortium
    Then "Metal Firm 1" is listed as signed by "Ines Vega"
    And "Metal Firm 2" and "Metal Firm 3" are listed as not signed yet
    And the manager downloads the agreement of "Metal Firm 1" with its signature record

  Scenario Outline: A signature is refused unless the name, the box and the text are right
    When "Ines Vega" opens the member agreement of "Metal Firm 1"
    And she signs it as "<name>", <box>, with <text>
    Then she is refused with "<message>", her typed name kept
    And nothing is signed for "Metal Firm 1"

    Examples:
      | name      | box             | text                 | message                                       |
      |           | ticking the box | the text shown       | Please fill in your full name.                |
      | Ines Vega | leaving the box | the text shown       | Tick the box to say that you have read        |
      | Ines Vega | ticking the box | another text's hash  | The text signed is not the agreement          |
      | Ines Vega | ticking the box | a superseded version | Version 0 of the rules is no longer in force  |
