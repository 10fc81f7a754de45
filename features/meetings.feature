Feature: Meetings worth the name: an invitation with its calendar file, attendance on the day, minutes attached
  As an agency officer, I plan a meeting with a day, a time in its time zone, a length,
  a place or a video link, and the firms I invite. Each invited firm's people, and the
  consortium's manager, receive the invitation by mail in their own language, with an
  iCalendar file their calendar takes. On the day I tick who is there, and afterwards I
  attach the minutes, which anyone who may see the meeting can download.

  Background:
    Given the consortium "Santander Global Metal" with the prospects "Aceros Besaya", "Talleres Pas" and "Naval Solares"
    And Marta Gómez acts for "Aceros Besaya" and reads Spanish
    And Jean Morel acts for "Talleres Pas" and reads French
    And Ana Ruiz manages the consortium
    And I am signed in as an agency officer

  Scenario: An invitation with its .ics, attendance on the day, minutes attached
    When I plan a meeting on 2025-03-10 at 10:00 Europe/Madrid for 90 minutes at "Parque Científico, Santander" about "Why export together", inviting "Aceros Besaya" and "Naval Solares"
    Then Marta Gómez receives a mail in Spanish inviting her to the meeting of 10 March 2025
    And the mail carries an invitation.ics asking to add the meeting at 10:00 Europe/Madrid for 90 minutes at "Parque Científico, Santander"
    And Ana Ruiz receives the invitation too
    And Jean Morel receives no invitation
    And the meeting's page offers the same invitation to download
    When the day comes and I tick "Aceros Besaya" as present on the meeting's page
    Then the meeting's page shows it held with 1 attendee: Aceros Besaya
    When I attach the minutes "acta-2025-03-10.pdf" on the meeting's page
    Then the meeting's page offers "acta-2025-03-10.pdf" for download, byte for byte
    And the history records the minutes by their hash, name and size

  Scenario: A cancelled meeting is taken out of the calendars it went to
    When I plan a meeting on 2025-03-10 at 16:30 Europe/Madrid for 60 minutes by video at "https://meet.example/sgm-kickoff" about "Kick-off", inviting "Aceros Besaya"
    And I cancel the meeting because "The shipyard visit moved"
    Then Marta Gómez receives a mail in Spanish that the meeting is cancelled, with an invitation.ics that cancels the same meeting

  Scenario: The meeting's form refuses what it cannot keep, and keeps what was typed
    When I plan a meeting at 10:00 in the time zone "Europe/Santander"
    Then the form is refused, saying "is not a time zone", with "Europe/Santander" still typed
    When I plan a meeting at 25:00 in the time zone "Europe/Madrid"
    Then the form is refused, saying "must be a time of day", with "25:00" still typed
    When I plan a meeting by video at a link of 600 characters
    Then the form is refused, saying "longer than 500 characters"
    When the meeting was held and I attach a spreadsheet as its minutes
    Then the upload is refused, saying "is not a PDF"
    And nothing was recorded for these refusals
