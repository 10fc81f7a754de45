Feature: One installation serves several agencies, each within its own region
  As the officer of a whole installation, I register the regional agencies it serves, each
  with its region, its programme and the legal details its documents carry. Each agency's
  officers form consortia of their own region under their own programme, and read nothing
  of another agency's consortia; an agency's auditor reads that agency's history only.

  Background:
    Given the installation serves SODERCAN in ES-CB, with the consortium "Cantabria Metal Export"

  Scenario: The installation's officer registers a second agency, and its officer forms a consortium there
    Given I am signed in as an officer of the whole installation
    When I register the agency "IDEPA", "Instituto de Desarrollo Económico del Principado de Asturias", in ES-AS with a programme cap of "500.000" and a fee of "1.800", in Spanish
    Then the list of agencies shows SODERCAN in Cantabria and IDEPA in Asturias
    Given I am signed in as an officer of IDEPA
    When I propose "Asturias Wood Export" for IDEPA in region ES-CB
    Then the proposal is refused, saying "ES-CB is outside the region of Instituto de Desarrollo Económico del Principado de Asturias, ES-AS", and nothing is kept
    When I propose "Asturias Wood Export" for IDEPA in region ES-O with a seed-funding cap of 600000
    Then the proposal is refused, saying "would pass the programme cap of €500,000.00", and nothing is kept
    When I propose "Asturias Wood Export" for IDEPA in region ES-O
    Then the consortia I see are "Asturias Wood Export" only

  Scenario: An agency's officer and auditor are refused the other agency's records
    Given the agency IDEPA in ES-AS, with the consortium "Asturias Wood Export"
    And I am signed in as an officer of IDEPA
    Then the consortia I see are "Asturias Wood Export" only
    And opening the formation, desk, fees, dashboard and history of "Cantabria Metal Export" is refused
    Given I am signed in as an auditor of IDEPA
    Then the event log shows the events of "Asturias Wood Export" and none of "Cantabria Metal Export"
    And opening the formation, desk, fees, dashboard and history of "Cantabria Metal Export" is refused
    Given I am signed in as an auditor of the whole installation
    Then the event log shows the events of "Asturias Wood Export" and of "Cantabria Metal Export"
