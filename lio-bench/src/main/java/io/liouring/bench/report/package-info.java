/** What the P4–P6 runners share: the machine description, a small JSON writer and reader, Markdown tables. */
package io.liouring.bench.report;
