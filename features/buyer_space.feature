Feature: The buyer's own space
  As an overseas buyer, I have no account and no password. I type the address I sent my
  requests from, and a link that works once, for 15 minutes, comes to it by mail. It
  shows every request sent from that address, and nobody else's. A private link I lost
  is sent to me again, and the old one stops working. Once my personal data is erased,
  my space is closed.

  Background:
    Given the metal consortium is established with 3 members
    And 2 requests for quotation were sent from "lucia@acero-mx.example"
    And 1 request for quotation was sent from "compras@fjord.example"

  Scenario: A buyer signs in by a mailed link and gets a lost link again
    When the buyer asks for a sign-in link for "lucia@acero-mx.example"
    Then a sign-in mail goes to "lucia@acero-mx.example"
    And the link signs the buyer in once
    And the buyer sees 2 requests, and none sent from "compras@fjord.example"
    When the buyer has the private link of their first request sent again
    Then a mail carries a new private link, which opens the request
    And the old private link no longer opens it

  Scenario: An address that sent no request gets no mail
    When the buyer asks for a sign-in link for "nobody@nowhere.example"
    Then no sign-in mail goes out

  Scenario: A link unused for 15 minutes no longer signs in
    When the buyer asks for a sign-in link for "lucia@acero-mx.example"
    And 16 minutes pass
    Then the link no longer signs anyone in

  Scenario: Erasing the buyer's personal data closes their space
    When the buyer asks for a sign-in link for "lucia@acero-mx.example"
    And the personal data of "lucia@acero-mx.example" is erased on request
    Then the link no longer signs anyone in
    And no request is listed under "lucia@acero-mx.example"
