import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../tools/engine";
import { shippedStack } from "./harness";
import { diagramMarkdown, mermaidDiagram } from "../tools/diagram";

describe("stack diagram", () => {
    it("shows regions, weighted target groups, DNS roles and the copy arrow for prod", async () => {
        const diagram = mermaidDiagram(await shippedStack("prod"));
        expect(diagram).toMatch(/^flowchart LR/);
        expect(diagram).toContain('subgraph region_us_east_1["us-east-1"]');
        expect(diagram).toContain('subgraph region_us_west_2["us-west-2"]');
        expect(diagram).toContain('["A PRIMARY, health-checked"]');
        expect(diagram).toContain('["A SECONDARY, health-checked"]');
        expect(diagram).toMatch(/alb_primary_alb -->\|"\/orders \/orders\/\*: weight 1"\| tg_/);
        expect(diagram).toMatch(/vault_us_east_1_\w+ -\.->\|"copy: hourly, monthly"\| vault_us_west_2_\w+/);
    });

    it("shows prod's CDN, its origin group, the write origin and the WAFs: the edge one, and a regional one on each ALB", async () => {
        const prod = mermaidDiagram(await shippedStack("prod"));
        expect(prod).toContain('cdn["CloudFront: origin group primary-us-east-1 then secondary-us-west-2"]');
        expect(prod).toContain('cdn -->|"reads"| rec_origin_us_east_1');
        expect(prod).toContain('cdn -.->|"reads on failover"| rec_origin_us_west_2');
        expect(prod).toMatch(/cdn -->\|"writes, uncached paths"\| rec_app_primary/);
        expect(prod).toContain("waf_app_waf -.- cdn");
        expect(prod).toContain("waf_primary_waf -.- alb_primary_alb");
        expect(prod).toContain("waf_secondary_waf -.- alb_secondary_alb");
        expect(prod).toContain(
            'waf_secondary_waf{{"WAF REGIONAL: managed rules + rate limit per X-Forwarded-For address"}}',
        );
        expect(prod).toContain("rec_app_cdn --> cdn");
        const staging = mermaidDiagram(await shippedStack("staging"));
        expect(staging).toContain("waf_primary_waf -.- alb_primary_alb");
        expect(staging).toContain('waf_primary_waf{{"WAF REGIONAL: managed rules + rate limit per IP"}}');
        expect(staging).not.toContain("cdn[");
    });

    it("shows the staging canary's 90/10 split", async () => {
        const diagram = mermaidDiagram(await shippedStack("staging"));
        expect(diagram).toContain('-->|"default: weight 90"|');
        expect(diagram).toContain('-->|"default: weight 10"|');
    });

    it("shows each data store and its replication arrow with the bound the DR report counts", async () => {
        const prod = mermaidDiagram(await shippedStack("prod"));
        expect(prod).toContain(
            'bucket_data_documents ==>|"S3 RTC: 15 min for 99.99 %"| bucket_data_documents_us_west_2',
        );
        expect(prod).toContain('<==>|"global table: typical lag, no bound"| table_us_west_2_data_sessions');
        expect(prod).toContain(
            'db_data_main ==>|"Aurora global: at most 60 s (rds.global_db_rpo)"| db_data_main_us_west_2',
        );
        const staging = mermaidDiagram(await shippedStack("staging"));
        expect(staging).toContain('db_data_main_us_west_2[("Aurora data-main-us-west-2: headless")]');
        expect(staging).toContain('db_data_main ==>|"Aurora global: typical lag, no bound"| db_data_main_us_west_2');
        expect(mermaidDiagram(await shippedStack("dev"))).not.toMatch(/bucket_|table_|db_/);
    });

    it("is current in the README", async () => {
        const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
        const committed = /<!-- diagram:prod:start -->\n([\s\S]*?)<!-- diagram:prod:end -->/.exec(readme)?.[1];
        expect(committed, "README has the prod diagram between its markers").toBeDefined();
        expect(committed).toBe(diagramMarkdown(await shippedStack("prod")));
    });
});
