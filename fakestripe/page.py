"""The hosted payment page: says plainly that it is a test double, offers Pay and Decline."""

PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test payment page (fake Stripe)</title>
<style>
 body { font: 16px/1.5 system-ui, sans-serif; max-width: 32rem; margin: 2rem auto;
        padding: 0 1rem; }
 .double { background: #fff3cd; border: 2px solid #b8860b; padding: .75rem 1rem; }
 .total { font-size: 1.5rem; font-weight: bold; }
 button { font-size: 1rem; padding: .5rem 1.25rem; margin-right: .5rem; cursor: pointer; }
 .pay { background: #0a7d35; color: #fff; border: 0; }
 .decline { background: #fff; color: #a4000f; border: 1px solid #a4000f; }
</style></head>
<body>
<p class="double" role="note"><strong>Test double.</strong> This is the project's fake Stripe
for tests and local demos, not Stripe. No card is asked for and no money moves.</p>
<h1>Pay {{ session.line_items_summary[0].name }}</h1>
<p>For {{ session.customer_email or "an unnamed payer" }}</p>
<p class="total">{{ "%.2f"|format(session.amount_total / 100) if session.currency not in
 ("jpy", "krw", "clp", "vnd") else session.amount_total }} {{ session.currency|upper }}</p>
{% if session.status == "open" %}
<form method="post">
  <button class="pay" type="submit" name="choice" value="pay">Pay</button>
  <button class="decline" type="submit" name="choice" value="decline">Decline</button>
</form>
{% if session.cancel_url %}
<p><a href="{{ session.cancel_url }}">Cancel and go back</a></p>
{% endif %}
{% else %}
<p>This checkout is {{ session.status }} (payment {{ session.payment_status }}).</p>
{% endif %}
</body>
</html>
"""
