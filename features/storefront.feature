Feature: An overseas buyer finds a consortium, asks it for a quote and accepts it
  Lucía Hernández buys for a water utility in Mexico. She needs steel structures for four
  pumping stations: designed, engineered, made, shipped to Veracruz and installed. She
  has never heard of Cantabria, has no account and wants none. In under a minute she must
  find a group of firms that can do all of it, and ask it for one quote. Afterwards she
  follows her request through a private link and answers the quote from there.

  Background:
    Given the Metal Export Consortium offers every stage from design to installation
    And the Fittings Export Consortium offers only manufacturing and logistics

  Scenario: Lucía browses the catalog and keeps only the consortia that install
    When Lucía opens the catalog
    Then she sees the Metal Export Consortium and the Fittings Export Consortium
    And each consortium shows the stages it covers and how many firms are behind it
    When she filters the catalog by the stage "installation"
    Then she sees the Metal Export Consortium
    But she no longer sees the Fittings Export Consortium
    And the address of the page keeps her filter, so she can share it

  Scenario: Lucía keeps only the consortia of one region
    Given the Naval Export Consortium of Asturias offers every stage from design to installation
    When Lucía opens the catalog
    Then she sees the Naval Export Consortium beside the two of Cantabria
    When she filters the catalog by the region "Asturias"
    Then she sees the Naval Export Consortium
    But she no longer sees the Metal Export Consortium
    And the address of the page keeps the region, so she can share it

  Scenario: Lucía opens a consortium and sees who does what
    Given Lucía is looking at the catalog
    When she opens the Metal Export Consortium
    Then she sees its offer stage by stage
    And she sees the firms behind it: "Metal Firm 1", "Metal Firm 2" and "Metal Firm 3"
    And she is invited to request a quote

  Scenario: Lucía mistypes her e-mail address, is told at once, and corrects it
    Given Lucía is on the page of the Metal Export Consortium
    When she chooses to request a quote
    And she describes what she needs for the whole job
    And she types her e-mail address as "lucia.agua-mx" and leaves the field
    Then she is told, next to the field and without the page reloading, that the e-mail address is not valid
    When she corrects her e-mail address to "lucia@agua-mx.example" and leaves the field
    Then the message about her e-mail address is gone
    When she sends her request
    Then she lands on her private tracking page
    And the page says that her request was received by the Metal Export Consortium

  Scenario: Lucía accepts the quote the consortium's manager sent her
    Given Lucía has requested a quote for the whole job and kept her tracking link
    And the manager of the Metal Export Consortium has quoted EUR 440,000 for the full service
    When she opens her tracking link
    Then she sees one price for the full service, EUR 440,000.00
    And she sees which firms deliver each stage, but none of their own prices
    When she accepts the quote and confirms that she means it
    Then the page says that she accepted the quote

  Scenario: Without JavaScript the server still checks every field and keeps what she typed
    Given Lucía's browser runs no JavaScript
    And Lucía is on the page of the Metal Export Consortium
    When she chooses to request a quote
    And she describes what she needs for the whole job
    And she gives her e-mail address "lucia@agua-mx.example"
    But she asks for the quote by yesterday
    And she sends the form
    Then the form comes back refused, saying next to the date that it must be after today
    And everything else she typed is still there
    When she asks for the quote within a month instead
    And she sends her request
    Then she lands on her private tracking page
