"""Hooks the shopping page uses: removing one chip re-searches with the rest; agent replies are delivered
into the session's history once, and a resolution un-pauses the session."""
from assistant.tickets import TicketStore


def test_remove_constraint_researches_with_the_rest(make_assistant):
    a = make_assistant()
    r = a.turn("c1", "black t-shirts for men under 1500")
    assert r.constraints.get("colors") == ["black"]
    out = a.remove_constraint("c1", "colors", "black")
    assert "colors" not in out.constraints and out.constraints.get("price_max") == 1500
    assert out.products and all(p.price is None or p.price <= 1500 for p in out.products)
    assert a.state("c1").last_results == [p.id for p in out.products]
    assert [p.id for p in a.shown("c1")] == [p.id for p in out.products]
    assert a.history("c1")[-1].content == out.reply
    out2 = a.remove_constraint("c1", "price_max")
    assert "price_max" not in out2.constraints
    same = a.remove_constraint("c1", "no_such_slot", "x")
    assert same.reply == "" and same.constraints == out2.constraints


def test_agent_replies_delivered_once_and_resolution_unpauses(make_assistant, tmp_path):
    a = make_assistant()
    assert a.deliver_agent_messages("d1") == []
    a.turn("d1", "jeans for women")
    r = a.turn("d1", "I want to talk to a person")
    assert r.escalated and r.ticket_id
    store = TicketStore(path=tmp_path / "tickets.sqlite3")
    store.reply(r.ticket_id, "asha", "Hi, Asha here. How can I help?")
    lines = a.deliver_agent_messages("d1")
    assert len(lines) == 1 and "Asha here" in lines[0] and "asha" in lines[0]
    assert a.deliver_agent_messages("d1") == []  # delivered once
    assert "Asha here" in a.history("d1")[-1].content
    store.resolve(r.ticket_id, "asha")
    lines = a.deliver_agent_messages("d1")
    assert any("resolved" in x for x in lines) and a.state("d1").ticket_id is None
    back = a.turn("d1", "show me jeans for women")
    assert back.products and not back.escalated
