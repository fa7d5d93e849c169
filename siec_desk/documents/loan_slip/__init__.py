"""The loan slip: what a household signs when it borrows an item of the centre."""
