Feature: The buyer's exchange with a consortium, from the drawing to the award
  As an overseas buyer, I send a consortium my request for quotation with the drawing of
  what I need, and I ask what I still want to know on my request's page. As the manager,
  I answer, and I share the answer with the members I ask to price, who open the very
  drawing the buyer sent. The quote reaches the buyer with its reference and its PDF. The
  buyer may ask for a revision; only the latest version can be accepted, and the award
  follows. Nobody waits in silence: each step sends its mail, in the reader's language.
  A file that is not what it claims is refused, and a member not asked never sees the
  drawing.

  Background:
    Given the metal consortium is established with 3 members
    And Ana Ruiz is signed in to the bid desk as its manager

  Scenario: From a drawing and a question to a revised quote, accepted and awarded
    When "Astillero del Golfo" sends the RFQ form for design and manufacturing with the drawing "Plano brida.pdf"
    Then the buyer's request page shows its reference and the drawing "Plano brida.pdf"
    And the buyer receives a mail that the request was received, with the link to its page
    And Ana Ruiz receives a mail about the new RFQ
    When the buyer asks on the request's page: "Is the steel S355J2, with 3.1 certificates?"
    Then Ana Ruiz receives a mail that the buyer asked a question
    When Ana Ruiz answers on the desk "Yes: S355J2, with EN 10204 3.1 certificates." and shares the answer with the members
    Then the buyer reads the answer on the request's page
    And the buyer receives a mail that the question is answered
    When Ana Ruiz takes the RFQ on and asks "Metal Firm 1" to price design and "Metal Firm 2" to price manufacturing
    Then "Metal Firm 2" receives a mail asking for its price for manufacturing
    And "Metal Firm 2" opens the drawing from its space and gets the very file the buyer sent
    And "Metal Firm 2" reads the shared answer in its space
    When the members commit their contributions:
      | member       | stage         | price       | lead time |
      | Metal Firm 1 | design        | EUR 20,000  | 20        |
      | Metal Firm 2 | manufacturing | EUR 250,000 | 90        |
    Then Ana Ruiz receives a mail for each contribution committed
    When Ana Ruiz sends the quote with a margin of 10%, valid for 45 days
    Then the buyer receives the quote-ready mail with the price €297,000.00 and its validity
    And the mail carries the quotation's PDF, with the reference, the price and the validity
    When the buyer asks on the request's page for a revision: "Two lots of two blocks, please."
    Then Ana Ruiz receives a mail that the buyer asks for a revised quote
    When Ana Ruiz sends version 2 with a margin of 5%, valid for 30 days
    Then the buyer receives a mail with version 2 at €283,500.00 and its validity
    When the buyer accepts version 2 on the request's page
    Then the buyer receives a mail that they accepted the quote
    And Ana Ruiz receives a mail that "Astillero del Golfo" accepted the quote
    When Ana Ruiz records the award "C-2026-014" with the proposed work shares
    Then the contract of EUR 283,500.00 is awarded to "Metal Firm 1" and "Metal Firm 2"
    And the buyer receives a mail that contract "C-2026-014" is awarded, for €283,500.00
    And "Metal Firm 2" receives a mail about its work share

  Scenario: A file that is not what its name says is refused, and nothing is stored
    When "Astillero del Golfo" sends the RFQ form for design with a script named "drawing.pdf"
    Then the form comes back, saying the file "is not a PDF", with everything as typed
    And nothing is recorded, no file is stored and no mail is written

  Scenario: A member who was not asked cannot open the drawing
    Given "Astillero del Golfo" sent the RFQ form for design and manufacturing with the drawing "Plano brida.pdf"
    And Ana Ruiz took the RFQ on and asked "Metal Firm 1" to price design
    Then "Metal Firm 1" opens the drawing from its space and gets the very file the buyer sent
    But "Metal Firm 3" is refused the drawing, and its space does not show it

  Scenario: A version the buyer saw replaced cannot be accepted
    Given "Astillero del Golfo" sent the RFQ form for design and manufacturing with the drawing "Plano brida.pdf"
    And the buyer has the quote's version 1 open, and asked for a revision
    And Ana Ruiz sent version 2 at EUR 283,500 valid for 30 days
    When the buyer accepts version 1 from the page left open
    Then the buyer is refused: "A revised quote replaced the version you answered"
    And nothing is recorded, and no acceptance mail is written
    When the buyer accepts version 2 on the request's page
    Then the buyer receives a mail that they accepted the quote

  Scenario: A buyer who writes in French reads every mail in French
    When "Chantiers de l'Atlantique" sends the RFQ form in French for design and manufacturing with the drawing "Plan bride.pdf"
    Then the buyer receives a mail in French that the request was received
    When the buyer asks on the request's page: "L'acier est-il du S355J2 ?"
    And Ana Ruiz answers on the desk "Oui, S355J2." and shares the answer with the members
    Then the buyer receives a mail in French that the question is answered
    When Ana Ruiz takes the RFQ on and asks "Metal Firm 1" to price design and "Metal Firm 2" to price manufacturing
    And the members commit their contributions:
      | member       | stage         | price       | lead time |
      | Metal Firm 1 | design        | EUR 20,000  | 20        |
      | Metal Firm 2 | manufacturing | EUR 250,000 | 90        |
    And Ana Ruiz sends the quote with a margin of 10%, valid for 45 days
    Then the buyer receives the quote-ready mail in French with the price 297 000,00 € and its validity
    And the mail carries the quotation's PDF in French, with the reference, the price and the validity
