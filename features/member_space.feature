Feature: The member's space
  As a member user, I act for my company in the consortium's workspace. I keep our
  profile, our capabilities and our certifications with their expiry dates up to date.
  I see the requests the manager sent us to price our stage and commit to them or
  withdraw, I see what fees we owe, I endorse peers we worked with, and I follow our
  work shares and contracts. I choose which mails I want. I cannot touch another
  company's data, and what the rules refuse is refused with a reason I can read.

  Background:
    Given the metal consortium is established with 3 members
    And I sign in as the member user of "Metal Firm 1"

  Scenario: I keep our profile and certifications up to date
    When I revise our profile to 58 employees with the website "https://firm1.example"
    And I declare the stages design and maintenance, with the certification "EN 1090" expiring on 2027-06-30
    Then our space shows 58 employees
    And our space lists the certification "EN 1090" expiring on 2027-06-30

  Scenario: I commit our price for a stage, then withdraw it
    Given the manager has asked "Metal Firm 1" to price design for "Naviera Austral", due in 4 days
    Then our space lists a request to price design for "Naviera Austral", due on 2025-03-07
    When I commit EUR 21,500 with a lead time of 45 days
    Then the manager sees design committed by "Metal Firm 1" at EUR 21,500.00
    When I withdraw because "our design office is full"
    Then the manager sees design withdrawn by "Metal Firm 1"

  Scenario: I see what we owe
    Given the 2025 annual fees are assessed, due on 2025-03-31
    Then our space shows EUR 2,400.00 due, and says that card payments are not configured

  Scenario: A company suspended for arrears cannot commit
    Given the manager has asked "Metal Firm 1" to price design for "Naviera Austral", due in 4 days
    And "Metal Firm 1" has been suspended for arrears
    When I commit EUR 21,500 with a lead time of 45 days
    Then I am refused with "This company is suspended for arrears; only active members can do that"
    And nothing is recorded

  Scenario: I endorse a peer we worked with, and see our work shares
    Given the consortium was awarded the contract "PO-2025-0001" with work shares for the 3 members
    When I endorse "Metal Firm 2" for "flawless welding on the hull blocks"
    Then "Metal Firm 2" has 1 endorsement
    And our work shares list "PO-2025-0001" with EUR 80,000.00

  Scenario: I cannot write another company's data
    When I try to endorse "Metal Firm 3" on behalf of "Metal Firm 2"
    Then I am refused with "You can only change the data of the company you act for"
    And nothing is recorded

  Scenario: I choose the mails I receive
    When I choose to receive mails about awards only
    Then I am not mailed about contribution requests to "Metal Firm 1"
    But I am mailed about awards to "Metal Firm 1"
