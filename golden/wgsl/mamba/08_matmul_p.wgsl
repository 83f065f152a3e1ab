// matmul_p: x_proj_l0 @ u (mamba.cell:37)
// a [rows, depth] x [depth, 10] product; each thread computes 16x12 outputs in registers

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

override workgroup_x: u32 = 1u; // the workgroup's shape, chosen per adapter
override workgroup_y: u32 = 64u;
override workgroup_z: u32 = 1u;
@compute @workgroup_size(workgroup_x, workgroup_y, workgroup_z)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let rows = sizes.B * sizes.T;
  let depth = 16u;
  let row0 = gid.y * 16u;
  let col0 = gid.x * 12u;
  if (row0 >= rows || col0 >= 10u) { return; }
  // clamp reads at the edges; only in-range results are written
  let r0 = min(row0 + 0u, rows - 1u);
  let r1 = min(row0 + 1u, rows - 1u);
  let r2 = min(row0 + 2u, rows - 1u);
  let r3 = min(row0 + 3u, rows - 1u);
  let r4 = min(row0 + 4u, rows - 1u);
  let r5 = min(row0 + 5u, rows - 1u);
  let r6 = min(row0 + 6u, rows - 1u);
  let r7 = min(row0 + 7u, rows - 1u);
  let r8 = min(row0 + 8u, rows - 1u);
  let r9 = min(row0 + 9u, rows - 1u);
  let r10 = min(row0 + 10u, rows - 1u);
  let r11 = min(row0 + 11u, rows - 1u);
  let r12 = min(row0 + 12u, rows - 1u);
  let r13 = min(row0 + 13u, rows - 1u);
  let r14 = min(row0 + 14u, rows - 1u);
  let r15 = min(row0 + 15u, rows - 1u);
  let c0 = min(col0 + 0u, 9u);
  let c1 = min(col0 + 1u, 9u);
  let c2 = min(col0 + 2u, 9u);
  let c3 = min(col0 + 3u, 9u);
  let c4 = min(col0 + 4u, 9u);
  let c5 = min(col0 + 5u, 9u);
  let c6 = min(col0 + 6u, 9u);
  let c7 = min(col0 + 7u, 9u);
  let c8 = min(col0 + 8u, 9u);
  let c9 = min(col0 + 9u, 9u);
  let c10 = min(col0 + 10u, 9u);
  let c11 = min(col0 + 11u, 9u);
  var acc0_0 = vec4f(0.0);
  var acc0_1 = vec4f(0.0);
  var acc0_2 = vec4f(0.0);
  var acc1_0 = vec4f(0.0);
  var acc1_1 = vec4f(0.0);
  var acc1_2 = vec4f(0.0);
  var acc2_0 = vec4f(0.0);
  var acc2_1 = vec4f(0.0);
  var acc2_2 = vec4f(0.0);
  var acc3_0 = vec4f(0.0);
  var acc3_1 = vec4f(0.0);
  var acc3_2 = vec4f(0.0);
  var acc4_0 = vec4f(0.0);
  var acc4_1 = vec4f(0.0);
  var acc4_2 = vec4f(0.0);
  var acc5_0 = vec4f(0.0);
  var acc5_1 = vec4f(0.0);
  var acc5_2 = vec4f(0.0);
  var acc6_0 = vec4f(0.0);
  var acc6_1 = vec4f(0.0);
  var acc6_2 = vec4f(0.0);
  var acc7_0 = vec4f(0.0);
  var acc7_1 = vec4f(0.0);
  var acc7_2 = vec4f(0.0);
  var acc8_0 = vec4f(0.0);
  var acc8_1 = vec4f(0.0);
  var acc8_2 = vec4f(0.0);
  var acc9_0 = vec4f(0.0);
  var acc9_1 = vec4f(0.0);
  var acc9_2 = vec4f(0.0);
  var acc10_0 = vec4f(0.0);
  var acc10_1 = vec4f(0.0);
  var acc10_2 = vec4f(0.0);
  var acc11_0 = vec4f(0.0);
  var acc11_1 = vec4f(0.0);
  var acc11_2 = vec4f(0.0);
  var acc12_0 = vec4f(0.0);
  var acc12_1 = vec4f(0.0);
  var acc12_2 = vec4f(0.0);
  var acc13_0 = vec4f(0.0);
  var acc13_1 = vec4f(0.0);
  var acc13_2 = vec4f(0.0);
  var acc14_0 = vec4f(0.0);
  var acc14_1 = vec4f(0.0);
  var acc14_2 = vec4f(0.0);
  var acc15_0 = vec4f(0.0);
  var acc15_1 = vec4f(0.0);
  var acc15_2 = vec4f(0.0);
  for (var k = 0u; k < depth; k += 1u) {
    let w0 = vec4f(params_buf[464u + c0 * 16u + k], params_buf[464u + c1 * 16u + k], params_buf[464u + c2 * 16u + k], params_buf[464u + c3 * 16u + k]);
    let w1 = vec4f(params_buf[464u + c4 * 16u + k], params_buf[464u + c5 * 16u + k], params_buf[464u + c6 * 16u + k], params_buf[464u + c7 * 16u + k]);
    let w2 = vec4f(params_buf[464u + c8 * 16u + k], params_buf[464u + c9 * 16u + k], params_buf[464u + c10 * 16u + k], params_buf[464u + c11 * 16u + k]);
    let a0 = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + r0 * 16u + k];
    acc0_0 += a0 * w0;
    acc0_1 += a0 * w1;
    acc0_2 += a0 * w2;
    let a1 = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + r1 * 16u + k];
    acc1_0 += a1 * w0;
    acc1_1 += a1 * w1;
    acc1_2 += a1 * w2;
    let a2 = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + r2 * 16u + k];
    acc2_0 += a2 * w0;
    acc2_1 += a2 * w1;
    acc2_2 += a2 * w2;
    let a3 = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + r3 * 16u + k];
    acc3_0 += a3 * w0;
    acc3_1 += a3 * w1;
    acc3_2 += a3 * w2;
    let a4 = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + r4 * 16u + k];
    acc4_0 += a4 * w0;
    acc4_1 += a4 * w1;
    acc4_2 += a4 * w2;
    let a5 = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + r5 * 16u + k];
    acc5_0 += a5 * w0;
    acc5_1 += a5 * w1;
    acc5_2 += a5 * w2;
    let a6 = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + r6 * 16u + k];
    acc6_0 += a6 * w0;
    acc6_1 += a6 * w1;
    acc6_2 += a6 * w2;
    let a7 = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + r7 * 16u + k];
    acc7_0 += a7 * w0;
    acc7_1 += a7 * w1;
    acc7_2 += a7 * w2;
    let a8 = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + r8 * 16u + k];
    acc8_0 += a8 * w0;
    acc8_1 += a8 * w1;
    acc8_2 += a8 * w2;
    let a9 = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + r9 * 16u + k];
    acc9_0 += a9 * w0;
    acc9_1 += a9 * w1;
    acc9_2 += a9 * w2;
    let a10 = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + r10 * 16u + k];
    acc10_0 += a10 * w0;
    acc10_1 += a10 * w1;
    acc10_2 += a10 * w2;
    let a11 = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + r11 * 16u + k];
    acc11_0 += a11 * w0;
    acc11_1 += a11 * w1;
    acc11_2 += a11 * w2;
    let a12 = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + r12 * 16u + k];
    acc12_0 += a12 * w0;
    acc12_1 += a12 * w1;
    acc12_2 += a12 * w2;
    let a13 = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + r13 * 16u + k];
    acc13_0 += a13 * w0;
    acc13_1 += a13 * w1;
    acc13_2 += a13 * w2;
    let a14 = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + r14 * 16u + k];
    acc14_0 += a14 * w0;
    acc14_1 += a14 * w1;
    acc14_2 += a14 * w2;
    let a15 = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + r15 * 16u + k];
    acc15_0 += a15 * w0;
    acc15_1 += a15 * w1;
    acc15_2 += a15 * w2;
  }
  if (row0 + 0u < rows) { if (col0 + 0u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 0u) * 10u + col0 + 0u] = acc0_0[0]; } if (col0 + 1u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 0u) * 10u + col0 + 1u] = acc0_0[1]; } if (col0 + 2u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 0u) * 10u + col0 + 2u] = acc0_0[2]; } if (col0 + 3u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 0u) * 10u + col0 + 3u] = acc0_0[3]; } if (col0 + 4u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 0u) * 10u + col0 + 4u] = acc0_1[0]; } if (col0 + 5u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 0u) * 10u + col0 + 5u] = acc0_1[1]; } if (col0 + 6u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 0u) * 10u + col0 + 6u] = acc0_1[2]; } if (col0 + 7u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 0u) * 10u + col0 + 7u] = acc0_1[3]; } if (col0 + 8u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 0u) * 10u + col0 + 8u] = acc0_2[0]; } if (col0 + 9u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 0u) * 10u + col0 + 9u] = acc0_2[1]; } if (col0 + 10u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 0u) * 10u + col0 + 10u] = acc0_2[2]; } if (col0 + 11u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 0u) * 10u + col0 + 11u] = acc0_2[3]; } }
  if (row0 + 1u < rows) { if (col0 + 0u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 1u) * 10u + col0 + 0u] = acc1_0[0]; } if (col0 + 1u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 1u) * 10u + col0 + 1u] = acc1_0[1]; } if (col0 + 2u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 1u) * 10u + col0 + 2u] = acc1_0[2]; } if (col0 + 3u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 1u) * 10u + col0 + 3u] = acc1_0[3]; } if (col0 + 4u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 1u) * 10u + col0 + 4u] = acc1_1[0]; } if (col0 + 5u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 1u) * 10u + col0 + 5u] = acc1_1[1]; } if (col0 + 6u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 1u) * 10u + col0 + 6u] = acc1_1[2]; } if (col0 + 7u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 1u) * 10u + col0 + 7u] = acc1_1[3]; } if (col0 + 8u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 1u) * 10u + col0 + 8u] = acc1_2[0]; } if (col0 + 9u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 1u) * 10u + col0 + 9u] = acc1_2[1]; } if (col0 + 10u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 1u) * 10u + col0 + 10u] = acc1_2[2]; } if (col0 + 11u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 1u) * 10u + col0 + 11u] = acc1_2[3]; } }
  if (row0 + 2u < rows) { if (col0 + 0u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 2u) * 10u + col0 + 0u] = acc2_0[0]; } if (col0 + 1u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 2u) * 10u + col0 + 1u] = acc2_0[1]; } if (col0 + 2u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 2u) * 10u + col0 + 2u] = acc2_0[2]; } if (col0 + 3u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 2u) * 10u + col0 + 3u] = acc2_0[3]; } if (col0 + 4u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 2u) * 10u + col0 + 4u] = acc2_1[0]; } if (col0 + 5u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 2u) * 10u + col0 + 5u] = acc2_1[1]; } if (col0 + 6u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 2u) * 10u + col0 + 6u] = acc2_1[2]; } if (col0 + 7u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 2u) * 10u + col0 + 7u] = acc2_1[3]; } if (col0 + 8u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 2u) * 10u + col0 + 8u] = acc2_2[0]; } if (col0 + 9u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 2u) * 10u + col0 + 9u] = acc2_2[1]; } if (col0 + 10u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 2u) * 10u + col0 + 10u] = acc2_2[2]; } if (col0 + 11u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 2u) * 10u + col0 + 11u] = acc2_2[3]; } }
  if (row0 + 3u < rows) { if (col0 + 0u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 3u) * 10u + col0 + 0u] = acc3_0[0]; } if (col0 + 1u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 3u) * 10u + col0 + 1u] = acc3_0[1]; } if (col0 + 2u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 3u) * 10u + col0 + 2u] = acc3_0[2]; } if (col0 + 3u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 3u) * 10u + col0 + 3u] = acc3_0[3]; } if (col0 + 4u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 3u) * 10u + col0 + 4u] = acc3_1[0]; } if (col0 + 5u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 3u) * 10u + col0 + 5u] = acc3_1[1]; } if (col0 + 6u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 3u) * 10u + col0 + 6u] = acc3_1[2]; } if (col0 + 7u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 3u) * 10u + col0 + 7u] = acc3_1[3]; } if (col0 + 8u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 3u) * 10u + col0 + 8u] = acc3_2[0]; } if (col0 + 9u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 3u) * 10u + col0 + 9u] = acc3_2[1]; } if (col0 + 10u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 3u) * 10u + col0 + 10u] = acc3_2[2]; } if (col0 + 11u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 3u) * 10u + col0 + 11u] = acc3_2[3]; } }
  if (row0 + 4u < rows) { if (col0 + 0u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 4u) * 10u + col0 + 0u] = acc4_0[0]; } if (col0 + 1u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 4u) * 10u + col0 + 1u] = acc4_0[1]; } if (col0 + 2u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 4u) * 10u + col0 + 2u] = acc4_0[2]; } if (col0 + 3u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 4u) * 10u + col0 + 3u] = acc4_0[3]; } if (col0 + 4u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 4u) * 10u + col0 + 4u] = acc4_1[0]; } if (col0 + 5u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 4u) * 10u + col0 + 5u] = acc4_1[1]; } if (col0 + 6u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 4u) * 10u + col0 + 6u] = acc4_1[2]; } if (col0 + 7u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 4u) * 10u + col0 + 7u] = acc4_1[3]; } if (col0 + 8u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 4u) * 10u + col0 + 8u] = acc4_2[0]; } if (col0 + 9u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 4u) * 10u + col0 + 9u] = acc4_2[1]; } if (col0 + 10u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 4u) * 10u + col0 + 10u] = acc4_2[2]; } if (col0 + 11u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 4u) * 10u + col0 + 11u] = acc4_2[3]; } }
  if (row0 + 5u < rows) { if (col0 + 0u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 5u) * 10u + col0 + 0u] = acc5_0[0]; } if (col0 + 1u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 5u) * 10u + col0 + 1u] = acc5_0[1]; } if (col0 + 2u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 5u) * 10u + col0 + 2u] = acc5_0[2]; } if (col0 + 3u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 5u) * 10u + col0 + 3u] = acc5_0[3]; } if (col0 + 4u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 5u) * 10u + col0 + 4u] = acc5_1[0]; } if (col0 + 5u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 5u) * 10u + col0 + 5u] = acc5_1[1]; } if (col0 + 6u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 5u) * 10u + col0 + 6u] = acc5_1[2]; } if (col0 + 7u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 5u) * 10u + col0 + 7u] = acc5_1[3]; } if (col0 + 8u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 5u) * 10u + col0 + 8u] = acc5_2[0]; } if (col0 + 9u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 5u) * 10u + col0 + 9u] = acc5_2[1]; } if (col0 + 10u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 5u) * 10u + col0 + 10u] = acc5_2[2]; } if (col0 + 11u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 5u) * 10u + col0 + 11u] = acc5_2[3]; } }
  if (row0 + 6u < rows) { if (col0 + 0u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 6u) * 10u + col0 + 0u] = acc6_0[0]; } if (col0 + 1u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 6u) * 10u + col0 + 1u] = acc6_0[1]; } if (col0 + 2u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 6u) * 10u + col0 + 2u] = acc6_0[2]; } if (col0 + 3u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 6u) * 10u + col0 + 3u] = acc6_0[3]; } if (col0 + 4u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 6u) * 10u + col0 + 4u] = acc6_1[0]; } if (col0 + 5u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 6u) * 10u + col0 + 5u] = acc6_1[1]; } if (col0 + 6u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 6u) * 10u + col0 + 6u] = acc6_1[2]; } if (col0 + 7u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 6u) * 10u + col0 + 7u] = acc6_1[3]; } if (col0 + 8u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 6u) * 10u + col0 + 8u] = acc6_2[0]; } if (col0 + 9u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 6u) * 10u + col0 + 9u] = acc6_2[1]; } if (col0 + 10u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 6u) * 10u + col0 + 10u] = acc6_2[2]; } if (col0 + 11u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 6u) * 10u + col0 + 11u] = acc6_2[3]; } }
  if (row0 + 7u < rows) { if (col0 + 0u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 7u) * 10u + col0 + 0u] = acc7_0[0]; } if (col0 + 1u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 7u) * 10u + col0 + 1u] = acc7_0[1]; } if (col0 + 2u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 7u) * 10u + col0 + 2u] = acc7_0[2]; } if (col0 + 3u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 7u) * 10u + col0 + 3u] = acc7_0[3]; } if (col0 + 4u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 7u) * 10u + col0 + 4u] = acc7_1[0]; } if (col0 + 5u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 7u) * 10u + col0 + 5u] = acc7_1[1]; } if (col0 + 6u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 7u) * 10u + col0 + 6u] = acc7_1[2]; } if (col0 + 7u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 7u) * 10u + col0 + 7u] = acc7_1[3]; } if (col0 + 8u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 7u) * 10u + col0 + 8u] = acc7_2[0]; } if (col0 + 9u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 7u) * 10u + col0 + 9u] = acc7_2[1]; } if (col0 + 10u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 7u) * 10u + col0 + 10u] = acc7_2[2]; } if (col0 + 11u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 7u) * 10u + col0 + 11u] = acc7_2[3]; } }
  if (row0 + 8u < rows) { if (col0 + 0u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 8u) * 10u + col0 + 0u] = acc8_0[0]; } if (col0 + 1u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 8u) * 10u + col0 + 1u] = acc8_0[1]; } if (col0 + 2u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 8u) * 10u + col0 + 2u] = acc8_0[2]; } if (col0 + 3u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 8u) * 10u + col0 + 3u] = acc8_0[3]; } if (col0 + 4u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 8u) * 10u + col0 + 4u] = acc8_1[0]; } if (col0 + 5u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 8u) * 10u + col0 + 5u] = acc8_1[1]; } if (col0 + 6u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 8u) * 10u + col0 + 6u] = acc8_1[2]; } if (col0 + 7u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 8u) * 10u + col0 + 7u] = acc8_1[3]; } if (col0 + 8u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 8u) * 10u + col0 + 8u] = acc8_2[0]; } if (col0 + 9u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 8u) * 10u + col0 + 9u] = acc8_2[1]; } if (col0 + 10u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 8u) * 10u + col0 + 10u] = acc8_2[2]; } if (col0 + 11u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 8u) * 10u + col0 + 11u] = acc8_2[3]; } }
  if (row0 + 9u < rows) { if (col0 + 0u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 9u) * 10u + col0 + 0u] = acc9_0[0]; } if (col0 + 1u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 9u) * 10u + col0 + 1u] = acc9_0[1]; } if (col0 + 2u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 9u) * 10u + col0 + 2u] = acc9_0[2]; } if (col0 + 3u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 9u) * 10u + col0 + 3u] = acc9_0[3]; } if (col0 + 4u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 9u) * 10u + col0 + 4u] = acc9_1[0]; } if (col0 + 5u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 9u) * 10u + col0 + 5u] = acc9_1[1]; } if (col0 + 6u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 9u) * 10u + col0 + 6u] = acc9_1[2]; } if (col0 + 7u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 9u) * 10u + col0 + 7u] = acc9_1[3]; } if (col0 + 8u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 9u) * 10u + col0 + 8u] = acc9_2[0]; } if (col0 + 9u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 9u) * 10u + col0 + 9u] = acc9_2[1]; } if (col0 + 10u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 9u) * 10u + col0 + 10u] = acc9_2[2]; } if (col0 + 11u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 9u) * 10u + col0 + 11u] = acc9_2[3]; } }
  if (row0 + 10u < rows) { if (col0 + 0u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 10u) * 10u + col0 + 0u] = acc10_0[0]; } if (col0 + 1u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 10u) * 10u + col0 + 1u] = acc10_0[1]; } if (col0 + 2u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 10u) * 10u + col0 + 2u] = acc10_0[2]; } if (col0 + 3u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 10u) * 10u + col0 + 3u] = acc10_0[3]; } if (col0 + 4u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 10u) * 10u + col0 + 4u] = acc10_1[0]; } if (col0 + 5u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 10u) * 10u + col0 + 5u] = acc10_1[1]; } if (col0 + 6u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 10u) * 10u + col0 + 6u] = acc10_1[2]; } if (col0 + 7u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 10u) * 10u + col0 + 7u] = acc10_1[3]; } if (col0 + 8u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 10u) * 10u + col0 + 8u] = acc10_2[0]; } if (col0 + 9u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 10u) * 10u + col0 + 9u] = acc10_2[1]; } if (col0 + 10u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 10u) * 10u + col0 + 10u] = acc10_2[2]; } if (col0 + 11u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 10u) * 10u + col0 + 11u] = acc10_2[3]; } }
  if (row0 + 11u < rows) { if (col0 + 0u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 11u) * 10u + col0 + 0u] = acc11_0[0]; } if (col0 + 1u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 11u) * 10u + col0 + 1u] = acc11_0[1]; } if (col0 + 2u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 11u) * 10u + col0 + 2u] = acc11_0[2]; } if (col0 + 3u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 11u) * 10u + col0 + 3u] = acc11_0[3]; } if (col0 + 4u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 11u) * 10u + col0 + 4u] = acc11_1[0]; } if (col0 + 5u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 11u) * 10u + col0 + 5u] = acc11_1[1]; } if (col0 + 6u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 11u) * 10u + col0 + 6u] = acc11_1[2]; } if (col0 + 7u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 11u) * 10u + col0 + 7u] = acc11_1[3]; } if (col0 + 8u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 11u) * 10u + col0 + 8u] = acc11_2[0]; } if (col0 + 9u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 11u) * 10u + col0 + 9u] = acc11_2[1]; } if (col0 + 10u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 11u) * 10u + col0 + 10u] = acc11_2[2]; } if (col0 + 11u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 11u) * 10u + col0 + 11u] = acc11_2[3]; } }
  if (row0 + 12u < rows) { if (col0 + 0u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 12u) * 10u + col0 + 0u] = acc12_0[0]; } if (col0 + 1u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 12u) * 10u + col0 + 1u] = acc12_0[1]; } if (col0 + 2u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 12u) * 10u + col0 + 2u] = acc12_0[2]; } if (col0 + 3u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 12u) * 10u + col0 + 3u] = acc12_0[3]; } if (col0 + 4u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 12u) * 10u + col0 + 4u] = acc12_1[0]; } if (col0 + 5u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 12u) * 10u + col0 + 5u] = acc12_1[1]; } if (col0 + 6u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 12u) * 10u + col0 + 6u] = acc12_1[2]; } if (col0 + 7u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 12u) * 10u + col0 + 7u] = acc12_1[3]; } if (col0 + 8u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 12u) * 10u + col0 + 8u] = acc12_2[0]; } if (col0 + 9u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 12u) * 10u + col0 + 9u] = acc12_2[1]; } if (col0 + 10u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 12u) * 10u + col0 + 10u] = acc12_2[2]; } if (col0 + 11u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 12u) * 10u + col0 + 11u] = acc12_2[3]; } }
  if (row0 + 13u < rows) { if (col0 + 0u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 13u) * 10u + col0 + 0u] = acc13_0[0]; } if (col0 + 1u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 13u) * 10u + col0 + 1u] = acc13_0[1]; } if (col0 + 2u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 13u) * 10u + col0 + 2u] = acc13_0[2]; } if (col0 + 3u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 13u) * 10u + col0 + 3u] = acc13_0[3]; } if (col0 + 4u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 13u) * 10u + col0 + 4u] = acc13_1[0]; } if (col0 + 5u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 13u) * 10u + col0 + 5u] = acc13_1[1]; } if (col0 + 6u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 13u) * 10u + col0 + 6u] = acc13_1[2]; } if (col0 + 7u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 13u) * 10u + col0 + 7u] = acc13_1[3]; } if (col0 + 8u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 13u) * 10u + col0 + 8u] = acc13_2[0]; } if (col0 + 9u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 13u) * 10u + col0 + 9u] = acc13_2[1]; } if (col0 + 10u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 13u) * 10u + col0 + 10u] = acc13_2[2]; } if (col0 + 11u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 13u) * 10u + col0 + 11u] = acc13_2[3]; } }
  if (row0 + 14u < rows) { if (col0 + 0u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 14u) * 10u + col0 + 0u] = acc14_0[0]; } if (col0 + 1u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 14u) * 10u + col0 + 1u] = acc14_0[1]; } if (col0 + 2u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 14u) * 10u + col0 + 2u] = acc14_0[2]; } if (col0 + 3u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 14u) * 10u + col0 + 3u] = acc14_0[3]; } if (col0 + 4u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 14u) * 10u + col0 + 4u] = acc14_1[0]; } if (col0 + 5u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 14u) * 10u + col0 + 5u] = acc14_1[1]; } if (col0 + 6u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 14u) * 10u + col0 + 6u] = acc14_1[2]; } if (col0 + 7u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 14u) * 10u + col0 + 7u] = acc14_1[3]; } if (col0 + 8u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 14u) * 10u + col0 + 8u] = acc14_2[0]; } if (col0 + 9u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 14u) * 10u + col0 + 9u] = acc14_2[1]; } if (col0 + 10u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 14u) * 10u + col0 + 10u] = acc14_2[2]; } if (col0 + 11u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 14u) * 10u + col0 + 11u] = acc14_2[3]; } }
  if (row0 + 15u < rows) { if (col0 + 0u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 15u) * 10u + col0 + 0u] = acc15_0[0]; } if (col0 + 1u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 15u) * 10u + col0 + 1u] = acc15_0[1]; } if (col0 + 2u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 15u) * 10u + col0 + 2u] = acc15_0[2]; } if (col0 + 3u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 15u) * 10u + col0 + 3u] = acc15_0[3]; } if (col0 + 4u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 15u) * 10u + col0 + 4u] = acc15_1[0]; } if (col0 + 5u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 15u) * 10u + col0 + 5u] = acc15_1[1]; } if (col0 + 6u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 15u) * 10u + col0 + 6u] = acc15_1[2]; } if (col0 + 7u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 15u) * 10u + col0 + 7u] = acc15_1[3]; } if (col0 + 8u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 15u) * 10u + col0 + 8u] = acc15_2[0]; } if (col0 + 9u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 15u) * 10u + col0 + 9u] = acc15_2[1]; } if (col0 + 10u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 15u) * 10u + col0 + 10u] = acc15_2[2]; } if (col0 + 11u < 10u) { work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + (row0 + 15u) * 10u + col0 + 11u] = acc15_2[3]; } }
}
