from tests.conftest import Network, client_for


def test_caseload_lists_the_counsellors_participant(net: Network) -> None:
    response = client_for(net.counsellor).get("/participants/")
    assert response.status_code == 200
    assert "Al-Masri" in response.content.decode()
